"""Reminders: notifications scheduled for a time, delivered exactly once by the worker.

- `reminder_schedule` is idempotent per `dedupe_key`: a pending reminder is moved,
  never duplicated; a sent one is sent again only for a new due time.
- Delivery (`tasks.reminders_deliver_due`) claims each due reminder with a conditional
  UPDATE; see `notifications.tasks`.
- Each schedule enqueues the delivery task for the due time (after commit); the
  `send_reminders` command (cron) is the safety net.
"""

from datetime import date, datetime, time
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.notifications.kinds import render_default
from reintegra.notifications.models import Reminder, ReminderState
from reintegra.notifications.services import CaseRef, check_common
from reintegra.notifications.tasks import delivery_enqueue

# A reminder for a date is due at 07:00 local time on that day (before the working day starts).
REMINDER_TIME = time(7, 0)


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
    recipient: User,
    kind: str,
    due_at: datetime,
    subject: str,
    body: str = "",
    case: CaseRef | None = None,
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


def reminders_cancel_for_case(*, case: CaseRef, kinds: list[str] | None = None, keep: list[str] | None = None) -> int:
    """Cancel a case's pending reminders (of `kinds`, or all; except the keys in `keep`); returns how many."""
    pending = Reminder.objects.filter(case_id=case.pk, state=ReminderState.PENDING)
    if kinds:
        pending = pending.filter(kind__in=kinds)
    if keep:
        pending = pending.exclude(dedupe_key__in=keep)
    return pending.update(state=ReminderState.CANCELLED, updated_at=timezone.now(), version=F("version") + 1)
