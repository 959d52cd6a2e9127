"""Reminders: notifications scheduled for a time, delivered exactly once by the worker.

- `reminder_schedule` is idempotent per `dedupe_key`: a pending reminder is moved,
  never duplicated; a sent one is sent again only for a new due time.
- `reminders_deliver_due` claims each due reminder with a conditional UPDATE
  (pending → claimed) inside one transaction with its notification and the
  "sent" mark: a second worker's UPDATE matches no row (PostgreSQL waits for the
  first transaction's row lock, SQLite for the write lock), and a crash rolls the
  whole delivery back to pending. The notification's own key is derived from the
  reminder and its due time, so even a repeated delivery could not notify twice.
- Each schedule enqueues the delivery task for the due time (after commit); the
  `send_reminders` command (cron) is the safety net.
"""

import logging
from datetime import date, datetime, time
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from reintegra.notifications.kinds import ReminderKind, render_default
from reintegra.notifications.models import Reminder, ReminderState
from reintegra.notifications.services import check_common, notify

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.cases.models import Case

logger = logging.getLogger(__name__)

# A reminder for a date is due at 07:00 local time on that day (before the working day starts).
REMINDER_TIME = time(7, 0)
# After this many failed deliveries a reminder stays "claimed" (not retried; see the log).
MAX_ATTEMPTS = 5
# Reminders about an open case's work are moot once the case is closed; aftercare ones are not.
OPEN_CASE_ONLY = frozenset({ReminderKind.CONSENT_EXPIRING, ReminderKind.REVIEW_DUE, ReminderKind.MEASURE_OVERDUE})


def local_due_at(day: date, *, tz_name: str | None = None) -> datetime:
    """07:00 on `day` in the organisation's time zone (Europe/Zurich by default), as an aware datetime."""
    try:
        zone = ZoneInfo(tz_name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(day, REMINDER_TIME, tzinfo=zone)


UPDATABLE = ("recipient", "case", "kind", "due_at", "subject", "body", "params", "link")


@transaction.atomic
def reminder_schedule(
    *,
    recipient: "User",
    kind: str,
    due_at: datetime,
    subject: str,
    body: str = "",
    case: "Case | None" = None,
    link: str = "",
    dedupe_key: str,
    params: dict[str, Any] | None = None,
) -> Reminder:
    """Schedule (or move) the reminder named `dedupe_key`. Idempotent.

    Pending: its due time and texts are updated. Being delivered: left alone. Sent:
    unchanged for the same due time, scheduled again for a new one (e.g. the next
    review date). Cancelled: scheduled again.
    """
    subject, body = render_default(kind, params, subject, body or "")
    errors = check_common(kind=kind, subject=subject, link=link, dedupe_key=dedupe_key, case=case, people=[recipient])
    if not isinstance(due_at, datetime) or timezone.is_naive(due_at):
        errors["due_at"] = ["Give the due time as a date and time with its time zone."]
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "recipient": recipient,
        "case": case,
        "kind": kind,
        "due_at": due_at,
        "subject": subject,
        "body": body,
        "params": params or {},
        "link": link,
    }
    reminder = Reminder.objects.select_for_update().filter(dedupe_key=dedupe_key).first()
    if reminder is None:
        reminder = Reminder(dedupe_key=dedupe_key, **values)
        reminder.full_clean(exclude=["recipient", "case"], validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                reminder.save()
        except IntegrityError:  # scheduled concurrently under the same key: update that one
            reminder = Reminder.objects.select_for_update().get(dedupe_key=dedupe_key)
        else:
            transaction.on_commit(partial(delivery_enqueue, reminder.due_at), robust=True)
            return reminder
    return _reschedule(reminder, values)


def _reschedule(reminder: Reminder, values: dict[str, Any]) -> Reminder:
    if reminder.state == ReminderState.CLAIMED:
        return reminder
    if reminder.state == ReminderState.SENT and reminder.due_at == values["due_at"]:
        return reminder
    rearm = reminder.state in (ReminderState.SENT, ReminderState.CANCELLED)
    changed = [name for name, value in values.items() if _differs(reminder, name, value)]
    if not changed and not rearm:
        return reminder
    for name in changed:
        setattr(reminder, name, values[name])
    fields = [*changed, "version", "updated_at"]
    if rearm:
        reminder.state, reminder.claimed_at, reminder.sent_at, reminder.attempts = ReminderState.PENDING, None, None, 0
        fields += ["state", "claimed_at", "sent_at", "attempts"]
    reminder.version += 1
    reminder.full_clean(exclude=["recipient", "case"], validate_unique=False, validate_constraints=False)
    reminder.save(update_fields=fields)
    transaction.on_commit(partial(delivery_enqueue, reminder.due_at), robust=True)
    return reminder


def _differs(reminder: Reminder, name: str, value: Any) -> bool:
    if name in ("recipient", "case"):
        return getattr(reminder, f"{name}_id") != (value.pk if value is not None else None)
    return bool(getattr(reminder, name) != value)


def reminder_cancel(*, dedupe_key: str) -> bool:
    """Cancel the pending reminder named `dedupe_key`; True if there was one to cancel."""
    now = timezone.now()
    cancelled = Reminder.objects.filter(dedupe_key=dedupe_key, state=ReminderState.PENDING).update(
        state=ReminderState.CANCELLED, updated_at=now, version=F("version") + 1
    )
    return cancelled == 1


def reminders_cancel_for_case(*, case: "Case", kinds: list[str] | None = None) -> int:
    """Cancel a case's pending reminders (of `kinds`, or all); returns how many."""
    pending = Reminder.objects.filter(case=case, state=ReminderState.PENDING)
    if kinds:
        pending = pending.filter(kind__in=kinds)
    return pending.update(state=ReminderState.CANCELLED, updated_at=timezone.now(), version=F("version") + 1)


def delivery_enqueue(due_at: datetime) -> None:
    """Enqueue the delivery task to run at `due_at` (called after commit).

    A backend that cannot defer (ImmediateBackend in tests) gets the task only once
    the reminder is due; the `send_reminders` command covers everything else.
    """
    from reintegra.notifications.tasks import deliver_due_reminders

    if deliver_due_reminders.get_backend().supports_defer:
        deliver_due_reminders.using(run_after=due_at).enqueue()
    elif due_at <= timezone.now():
        deliver_due_reminders.enqueue()


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
    moot = reminder.case is not None and reminder.case.is_closed and reminder.kind in OPEN_CASE_ONLY
    if not reminder.recipient.is_active or moot:
        claimed.update(state=ReminderState.CANCELLED, updated_at=now, version=F("version") + 1)
        return "cancelled"
    notify(
        recipients=[reminder.recipient],
        kind=reminder.kind,
        subject=reminder.subject,
        body=reminder.body,
        case=reminder.case,
        link=reminder.link,
        params=reminder.params,
        dedupe_key=f"reminder:{reminder.pk}:{int(reminder.due_at.timestamp())}",
    )
    claimed.update(state=ReminderState.SENT, sent_at=now, updated_at=now, version=F("version") + 1)
    return "sent"
