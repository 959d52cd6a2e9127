"""The delivery side of notifications: storing them, sending their e-mails, delivering due reminders,
and the background tasks (django-tasks; `manage.py db_worker` runs them) that do it.

Dependencies run one way: `kinds` ← `models` ← `emails` ← `tasks` ← `services` ← `reminders`
← `standard`. This module never imports the services: `services.notify` validates and then
stores through `notifications_store`; `reminders.reminder_schedule` enqueues the delivery
through `delivery_enqueue`.

- E-mails: a new notification's e-mail is enqueued when the transaction commits;
  `notification_email_send` claims it with a conditional UPDATE (a lease stamped on the pending
  e-mail), so the task and the catch-up flush never both send it, and marks it sent only after
  it went out: a worker killed mid-send leaves it to the flush once the lease ran out (at least
  once, under one Message-ID per notification).
- Reminders: `reminders_deliver_due` claims each due reminder with a conditional UPDATE
  (pending → claimed) inside one transaction with its notification and the "sent" mark: a
  second worker's UPDATE matches no row (PostgreSQL waits for the first transaction's row
  lock, SQLite for the write lock), and a crash rolls the whole delivery back to pending.
  The notification's own key is derived from the reminder and its due time, so even a
  repeated delivery could not notify twice. Both tasks are idempotent.
"""

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypedDict

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from reintegra.notifications.emails import notification_email
from reintegra.notifications.kinds import kind_open_case_only
from reintegra.notifications.models import Channel, EmailStatus, Notification, Reminder, ReminderState

logger = logging.getLogger(__name__)

# Fresh e-mails are left to their own task for this long before a flush sends them.
EMAIL_GRACE = timedelta(minutes=5)
# After this many failed deliveries a reminder stays "claimed" (not retried; see the log).
MAX_ATTEMPTS = 5
# What a new notification is created with (recipient and dedupe_key are the lookup).
NEW_FIELDS = ("case", "kind", "subject", "body", "params", "link", "in_app", "email_status")


def notifications_store(
    *,
    people: Sequence[Any],
    kind: str,
    subject: str,
    body: str,
    case: Any,
    link: str,
    channels: set[str],
    dedupe_key: str,
    params: dict[str, Any],
) -> list[Notification]:
    """Store one notification per active person and key (existing ones are returned as they are).

    The caller has validated the values (`services.notify`) or stored them validated (a reminder).
    """
    notifications = []
    for person in people:
        if not person.is_active:
            continue
        candidate = Notification(
            recipient=person,
            case=case,
            kind=kind,
            subject=subject,
            body=body,
            params=params,
            link=link,
            in_app=Channel.IN_APP.value in channels,
            email_status=EmailStatus.PENDING if Channel.EMAIL.value in channels else EmailStatus.NOT_WANTED,
            dedupe_key=dedupe_key,
        )
        candidate.full_clean(exclude=["recipient", "case"], validate_unique=False, validate_constraints=False)
        notification, created = Notification.objects.get_or_create(
            recipient=person,
            dedupe_key=dedupe_key,
            defaults={field: getattr(candidate, field) for field in NEW_FIELDS},
        )
        notifications.append(notification)
        if created and notification.email_status == EmailStatus.PENDING:
            transaction.on_commit(partial(email_enqueue, notification.pk), robust=True)
    return notifications


def email_claim_lease() -> timedelta:
    """How long a claimed e-mail belongs to the worker that claimed it (setting
    `REINTEGRA_EMAIL_CLAIM_SECONDS`, default 600: longer than any SMTP timeout). A worker killed
    while sending leaves the claim behind; after the lease the next flush sends the e-mail again."""
    return timedelta(seconds=float(getattr(settings, "REINTEGRA_EMAIL_CLAIM_SECONDS", 600)))


def email_grace() -> timedelta:
    """Fresh e-mails are left to their own task for this long before a flush sends them
    (setting `REINTEGRA_EMAIL_GRACE_SECONDS`, default 300)."""
    return timedelta(seconds=float(getattr(settings, "REINTEGRA_EMAIL_GRACE_SECONDS", EMAIL_GRACE.total_seconds())))


def notification_email_send(*, notification_id: Any, now: datetime | None = None) -> bool:
    """Send one notification's e-mail unless it was sent already; True when this call sent it.

    Deliberately not one transaction: the claim (`emailed_at` stamped on a pending e-mail whose
    earlier claim, if any, is older than the lease) commits before the mail goes out, so a
    concurrent worker sees it and backs off. Only after the mail went out is it marked sent. A
    worker killed in between (SIGKILL, a lost machine) leaves it pending and claimed: once the
    lease ran out, a flush sends it again, under the same Message-ID (`emails.py`), so that a
    receiving server that had accepted the first copy can tell the two apart. If sending fails
    the claim is undone and the error raised (the task fails; the next flush retries).
    """
    now = now or timezone.now()
    try:
        key = uuid.UUID(str(notification_id))
    except ValueError:
        return False
    notification = Notification.objects.select_related("recipient").filter(pk=key).first()
    if notification is None or notification.email_status != EmailStatus.PENDING:
        return False
    pending = Notification.objects.filter(pk=key, email_status=EmailStatus.PENDING)
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        pending.update(email_status=EmailStatus.SKIPPED, updated_at=now)
        return False
    # The claim is stamped with the time it is made: a long flush passes the `now` of its start.
    claimed_at = max(now, timezone.now())
    claimable = pending.filter(Q(emailed_at__isnull=True) | Q(emailed_at__lt=claimed_at - email_claim_lease()))
    if claimable.update(emailed_at=claimed_at, updated_at=claimed_at) != 1:
        return False
    ours = pending.filter(emailed_at=claimed_at)
    try:
        notification_email(notification).send()
    except Exception:
        ours.update(emailed_at=None)
        raise
    ours.update(email_status=EmailStatus.SENT, updated_at=timezone.now())
    return True


def notification_emails_flush(
    *, now: datetime, grace: timedelta = timedelta(0), max_age: timedelta = timedelta(days=2), limit: int = 500
) -> int:
    """Send e-mails still pending (their task was lost or failed). Returns how many went out.

    `grace` leaves fresh ones to their own task; `max_age` stops retrying stale ones.
    """
    ids = list(
        Notification.objects.filter(
            email_status=EmailStatus.PENDING, created_at__lte=now - grace, created_at__gte=now - max_age
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in ids:
        try:
            sent += notification_email_send(notification_id=pk, now=now)
        except Exception:  # one failing address must not stop the others
            logger.exception("E-mail for notification %s failed", pk)
    return sent


class DeliveryReport(TypedDict):
    sent: int
    cancelled: int
    failed: int


def reminders_deliver_due(*, now: datetime, limit: int = 500) -> DeliveryReport:
    """Deliver every reminder due at `now`, each exactly once, however many workers run this."""
    report: DeliveryReport = {"sent": 0, "cancelled": 0, "failed": 0}
    due = list(
        Reminder.objects.filter(state=ReminderState.PENDING, due_at__lte=now)
        .order_by("due_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        outcome = _deliver_one(pk, now)
        if outcome in report:
            report[outcome] += 1  # type: ignore[literal-required]
    return report


def _deliver_one(pk: Any, now: datetime) -> str:
    with transaction.atomic():
        claimed = Reminder.objects.filter(pk=pk, state=ReminderState.PENDING, due_at__lte=now).update(
            state=ReminderState.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
        )
        if claimed != 1:  # another worker has it, or it was moved or cancelled meanwhile
            return "skipped"
        reminder = Reminder.objects.select_related("recipient", "case").get(pk=pk)
        try:
            with transaction.atomic():
                return _deliver(reminder, now)
        except Exception:
            logger.exception("Reminder %s could not be delivered (attempt %s)", pk, reminder.attempts)
            if reminder.attempts < MAX_ATTEMPTS:
                Reminder.objects.filter(pk=pk, state=ReminderState.CLAIMED).update(
                    state=ReminderState.PENDING, claimed_at=None
                )
            return "failed"


def _deliver(reminder: Reminder, now: datetime) -> str:
    claimed = Reminder.objects.filter(pk=reminder.pk, state=ReminderState.CLAIMED)
    # Reminders about an open case's work are moot once the case is closed; aftercare ones are not.
    moot = reminder.case is not None and reminder.case.is_closed and kind_open_case_only(reminder.kind)
    if not reminder.recipient.is_active or moot:
        claimed.update(state=ReminderState.CANCELLED, updated_at=now, version=F("version") + 1)
        return "cancelled"
    notifications_store(
        people=[reminder.recipient],
        kind=reminder.kind,
        subject=reminder.subject,
        body=reminder.body,
        case=reminder.case,
        link=reminder.link,
        channels={Channel.IN_APP.value, Channel.EMAIL.value},
        params=reminder.params,
        dedupe_key=f"reminder:{reminder.pk}:{int(reminder.due_at.timestamp())}",
    )
    claimed.update(state=ReminderState.SENT, sent_at=now, updated_at=now, version=F("version") + 1)
    return "sent"


@task()
def send_notification_email(notification_id: str) -> bool:
    """Send one notification's e-mail; running it again sends nothing."""
    return notification_email_send(notification_id=notification_id)


@task()
def deliver_due_reminders() -> dict[str, Any]:
    """Deliver every due reminder exactly once, then catch up e-mails whose task was lost."""
    now = timezone.now()
    report: dict[str, Any] = dict(reminders_deliver_due(now=now))
    report["emails_caught_up"] = notification_emails_flush(now=now, grace=email_grace())
    return report


def email_enqueue(notification_id: Any) -> None:
    """Hand the e-mail to the task queue (called after commit)."""
    send_notification_email.enqueue(str(notification_id))


def delivery_enqueue(due_at: datetime) -> None:
    """Enqueue the delivery task to run at `due_at` (called after commit).

    A backend that cannot defer (ImmediateBackend in tests) gets the task only once
    the reminder is due; the `send_reminders` command covers everything else.
    """
    if deliver_due_reminders.get_backend().supports_defer:
        deliver_due_reminders.using(run_after=due_at).enqueue()
    elif due_at <= timezone.now():
        deliver_due_reminders.enqueue()
