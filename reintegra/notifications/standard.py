"""The standard date reminders other apps schedule. Call them again whenever the date changes.

Each reminder goes to the case's case manager at 07:00 local time (the
organisation's time zone, Europe/Zurich by default) on its day. Calling a helper
again moves the pending reminder (same key) and follows a change of case manager;
calling it when the date is gone (no next review) cancels it.

- plans: `review_due_reminder(case=..., due_on=plan.next_review_on)` whenever the
  next review date is set or moves (None cancels);
- evaluation/aftercare: `follow_up_reminder(case=..., due_on=evaluation.follow_up_on)`.

The consent-expiry reminder belongs to the consents app (`consents.reminders`). A case is
taken as what these helpers read of it (`ReminderCase`): this app does not import cases.
"""

from datetime import date
from typing import Any, Protocol

from reintegra.accounts.models import User
from reintegra.notifications.kinds import ReminderKind
from reintegra.notifications.models import Reminder
from reintegra.notifications.reminders import local_due_at, reminder_cancel, reminder_schedule


class ReminderCase(Protocol):
    """What a date reminder reads of a case."""

    pk: Any
    organisation_id: Any
    reference: str
    case_manager: User
    organisation: Any

    @property
    def is_closed(self) -> bool: ...

    def get_absolute_url(self) -> str: ...


def local_date_text(day: date) -> str:
    """3.11.2026: the form the product shows dates in, in German and English alike."""
    return f"{day.day}.{day.month}.{day.year}"


def _case_date_reminder(*, case: ReminderCase, due_on: date | None, kind: str, open_only: bool) -> Reminder | None:
    key = f"{kind}:{case.pk}"
    if due_on is None or (open_only and case.is_closed):
        reminder_cancel(dedupe_key=key)
        return None
    return reminder_schedule(
        recipient=case.case_manager,
        kind=kind,
        due_at=local_due_at(due_on, tz_name=case.organisation.timezone),
        subject="",
        params={"reference": case.reference, "date": local_date_text(due_on)},
        case=case,
        link=case.get_absolute_url(),
        dedupe_key=key,
    )


def review_due_reminder(*, case: ReminderCase, due_on: date | None) -> Reminder | None:
    """Remind the case manager of the plan's next review (one per case; None cancels it)."""
    return _case_date_reminder(case=case, due_on=due_on, kind=ReminderKind.REVIEW_DUE, open_only=True)


def follow_up_reminder(*, case: ReminderCase, due_on: date | None) -> Reminder | None:
    """Remind the case manager of the aftercare follow-up (closed cases too; None cancels it)."""
    return _case_date_reminder(case=case, due_on=due_on, kind=ReminderKind.FOLLOW_UP_DUE, open_only=False)
