"""Notifying people: create inbox entries idempotently, send their e-mails exactly once.

Other apps call `notify(...)`; the e-mail goes out in the background (django-tasks,
enqueued after the surrounding transaction commits). A crashed or lost enqueue is
caught up by `notification_emails_flush`, which the reminder run calls: the send
is claimed by a conditional UPDATE, so the task and the flush never both send.
"""

import logging
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from reintegra.notifications.kinds import render_default
from reintegra.notifications.models import Channel, EmailStatus, Notification

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.cases.models import Case

logger = logging.getLogger(__name__)

KIND_RE = re.compile(r"^[a-z][a-z0-9_.:-]{0,63}$")
# A local path only: no scheme, no host ("//evil"), no backslash tricks, no whitespace.
LINK_RE = re.compile(r"^/(?![/\\])[^\s\\]*$")
# What a new notification is created with (recipient and dedupe_key are the lookup).
NEW_FIELDS = ("case", "kind", "subject", "body", "params", "link", "in_app", "email_status")


def check_common(
    *, kind: str, subject: str, link: str, dedupe_key: str, case: "Case | None", people: Sequence["User"]
) -> dict[str, list[str]]:
    """Field errors shared by notifications and reminders."""
    errors: dict[str, list[str]] = {}
    if not isinstance(kind, str) or not KIND_RE.match(kind):
        errors["kind"] = ["Use a key of lower-case letters, digits and underscores, for example review_due."]
    if not isinstance(subject, str) or not subject.strip():
        errors["subject"] = ["Enter a subject."]
    elif len(subject) > 200:
        errors["subject"] = ["Use at most 200 characters."]
    if link and (not isinstance(link, str) or len(link) > 500 or not LINK_RE.match(link)):
        errors["link"] = ["Use a path inside Reintegra, for example /cases/…/."]
    if not isinstance(dedupe_key, str) or not dedupe_key.strip():
        errors["dedupe_key"] = ["Name the event (a key), so that it notifies only once."]
    elif len(dedupe_key) > 200:
        errors["dedupe_key"] = ["Use at most 200 characters."]
    if case is not None and any(person.organisation_id != case.organisation_id for person in people):
        errors["recipients"] = ["Every recipient must belong to the case's organisation."]
    return errors


@transaction.atomic
def notify(
    *,
    recipients: Iterable["User"],
    kind: str,
    subject: str,
    body: str = "",
    case: "Case | None" = None,
    link: str = "",
    channels: Sequence[str] = (Channel.IN_APP, Channel.EMAIL),
    dedupe_key: str,
    params: dict[str, Any] | None = None,
) -> list[Notification]:
    """Notify each recipient once per `dedupe_key`; return their notifications (new or existing).

    Idempotent: a second call with the same key changes nothing and sends nothing.
    Inactive accounts get nothing. The e-mail (channel "email") is enqueued when the
    surrounding transaction commits; a rolled-back change notifies no one.
    `subject` and `params` must hold no health detail; `body` may hold personal
    detail (it is encrypted at rest and goes into the e-mail's text, never its
    subject line). `link` is a path inside Reintegra.
    """
    people = list({person.pk: person for person in recipients}.values())
    wanted = {str(channel) for channel in channels} if not isinstance(channels, str) else {channels}
    subject, body = render_default(kind, params, subject, body or "")
    errors = check_common(kind=kind, subject=subject, link=link, dedupe_key=dedupe_key, case=case, people=people)
    if not wanted or not wanted <= set(Channel.values):
        errors["channels"] = [f"Choose one or more of: {', '.join(Channel.values)}."]
    if errors:
        raise ValidationError(errors)
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
            params=params or {},
            link=link,
            in_app=Channel.IN_APP.value in wanted,
            email_status=EmailStatus.PENDING if Channel.EMAIL.value in wanted else EmailStatus.NOT_WANTED,
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


def email_enqueue(notification_id: Any) -> None:
    """Hand the e-mail to the task queue (called after commit)."""
    from reintegra.notifications.tasks import send_notification_email

    send_notification_email.enqueue(str(notification_id))


def notification_email_send(*, notification_id: Any, now: datetime | None = None) -> bool:
    """Send one notification's e-mail unless it was sent already; True when this call sent it.

    Deliberately not one transaction: the claim (pending → sent) commits before the
    mail goes out, so a concurrent worker sees it and backs off. If sending fails the
    claim is undone and the error raised (the task fails; the next flush retries).
    """
    from reintegra.notifications.emails import notification_email

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
    if pending.update(email_status=EmailStatus.SENT, emailed_at=now, updated_at=now) != 1:
        return False
    try:
        notification_email(notification).send()
    except Exception:
        Notification.objects.filter(pk=key, email_status=EmailStatus.SENT, emailed_at=now).update(
            email_status=EmailStatus.PENDING, emailed_at=None
        )
        raise
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


def notification_mark_read(*, user: "User", notification: Notification) -> Notification:
    """Mark one of the person's own notifications as read (reading twice keeps the first time)."""
    if notification.recipient_id != user.pk:
        raise ValidationError({"notification": ["This notification is not yours."]})
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now, updated_at=now, version=F("version") + 1
        )
        notification.refresh_from_db(fields=["read_at", "updated_at", "version"])
    return notification


def notifications_mark_all_read(*, user: "User") -> int:
    """Mark all of the person's unread in-app notifications as read; returns how many changed."""
    now = timezone.now()
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).update(
        read_at=now, updated_at=now, version=F("version") + 1
    )
