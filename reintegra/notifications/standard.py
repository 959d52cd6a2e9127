"""The standard date reminders other apps schedule. Call them again whenever the date changes.

Each reminder goes to the case's case manager at 07:00 local time (the
organisation's time zone, Europe/Zurich by default) on its day. Calling a helper
again moves the pending reminder (same key) and follows a change of case manager;
calling it when the date is gone (no next review) cancels it.

- plans: `review_due_reminder(case=..., due_on=plan.next_review_on)` whenever the
  next review date is set or moves (None cancels);
- evaluation/aftercare: `follow_up_reminder(case=..., due_on=evaluation.follow_up_on)`;
- measures: `measure_due_reminders(case=..., due={measure id: due date})` (the measures still to do).

The dates come from one computation, `plans.selectors.due` (via `plans.services.due.due_reminders_sync`),
the same monitoring and the calendar read.

The consent-expiry reminder belongs to the consents app (`consents.reminders`). A case is
taken as what these helpers read of it (`ReminderCase`): this app does not import cases.
"""

from datetime import date
from typing import Any, Protocol

from reintegra.accounts.models import User
from reintegra.core.formatting import format_date
from reintegra.notifications.kinds import ReminderKind
from reintegra.notifications.models import Reminder
from reintegra.notifications.reminders import (
    local_due_at,
    reminder_cancel,
    reminder_schedule,
    reminders_cancel_for_case,
)


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
    """3.11.2026 in German, 3 Nov 2026 in English: the active language's form (`core.formatting`)."""
    return format_date(day)


def _case_date_reminder(
    *, case: ReminderCase, due_on: date | None, kind: str, open_only: bool, key: str = ""
) -> Reminder | None:
    key = key or f"{kind}:{case.pk}"
    if due_on is None or (open_only and case.is_closed):
        reminder_cancel(dedupe_key=key)
        return None
    return reminder_schedule(
        recipient=case.case_manager,
        kind=kind,
        due_at=local_due_at(due_on, tz_name=case.organisation.timezone),
        subject="",
        params={"reference": case.reference, "date": due_on.isoformat()},  # shown in the reader's format
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


def measure_due_reminders(*, case: ReminderCase, due: dict[str, date]) -> list[Reminder]:
    """One reminder per measure still to do, on its due date; the others' pending reminders are cancelled."""
    keys = [f"{ReminderKind.MEASURE_DUE}:{measure_id}" for measure_id in due]
    reminders_cancel_for_case(case=case, kinds=[ReminderKind.MEASURE_DUE], keep=keys)
    if case.is_closed:
        reminders_cancel_for_case(case=case, kinds=[ReminderKind.MEASURE_DUE])
        return []
    scheduled = []
    for key, day in zip(keys, due.values(), strict=True):
        reminder = _case_date_reminder(case=case, due_on=day, kind=ReminderKind.MEASURE_DUE, open_only=True, key=key)
        if reminder is not None:
            scheduled.append(reminder)
    return scheduled
