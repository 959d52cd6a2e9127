"""The standard reminders other apps schedule. Call them again whenever the date changes.

Each reminder goes to the case's case manager at 07:00 local time (the
organisation's time zone, Europe/Zurich by default) on its day. Calling a helper
again moves the pending reminder (same key) and follows a change of case manager;
calling it when the date is gone (withdrawn consent, no next review) cancels it.

- consents: `consent_expiry_reminders(consent=...)` after recording, changing or
  withdrawing a consent: 14 days and 1 day before `valid_until`;
- plans: `review_due_reminder(case=..., due_on=plan.next_review_on)` whenever the
  next review date is set or moves (None cancels);
- evaluation/aftercare: `follow_up_reminder(case=..., due_on=evaluation.follow_up_on)`.
"""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from reintegra.notifications.kinds import ReminderKind
from reintegra.notifications.models import Reminder
from reintegra.notifications.reminders import local_due_at, reminder_cancel, reminder_schedule

if TYPE_CHECKING:
    from reintegra.cases.models import Case
    from reintegra.consents.models import Consent

CONSENT_LEAD_DAYS = (14, 1)


def local_date_text(day: date) -> str:
    """3.11.2026: the form the product shows dates in, in German and English alike."""
    return f"{day.day}.{day.month}.{day.year}"


def consent_reminder_key(consent_id: object, days: int) -> str:
    return f"{ReminderKind.CONSENT_EXPIRING.value}:{consent_id}:{days}d"


def consent_expiry_reminders(*, consent: "Consent", now: datetime | None = None) -> list[Reminder]:
    """Remind the case manager 14 days and 1 day before the consent expires (07:00 local time).

    A withdrawn consent, one without an end date or one of a closed case gets none (pending
    ones are cancelled); a reminder whose time has already passed is not scheduled.
    """
    now = now or timezone.now()
    case = consent.case
    valid_until = consent.valid_until
    live = consent.withdrawn_on is None and not case.is_closed
    scheduled = []
    for days in CONSENT_LEAD_DAYS:
        key = consent_reminder_key(consent.pk, days)
        due_at = None
        if live and valid_until is not None:
            due_at = local_due_at(valid_until - timedelta(days=days), tz_name=case.organisation.timezone)
        if valid_until is None or due_at is None or due_at <= now:
            reminder_cancel(dedupe_key=key)
            continue
        scheduled.append(
            reminder_schedule(
                recipient=case.case_manager,
                kind=ReminderKind.CONSENT_EXPIRING,
                due_at=due_at,
                subject="",
                params={
                    "reference": case.reference,
                    "date": local_date_text(valid_until),
                    "purpose": consent.purpose,
                    "days": days,
                },
                case=case,
                link=case.get_absolute_url(),
                dedupe_key=key,
            )
        )
    return scheduled


def _case_date_reminder(*, case: "Case", due_on: date | None, kind: str, open_only: bool) -> Reminder | None:
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


def review_due_reminder(*, case: "Case", due_on: date | None) -> Reminder | None:
    """Remind the case manager of the plan's next review (one per case; None cancels it)."""
    return _case_date_reminder(case=case, due_on=due_on, kind=ReminderKind.REVIEW_DUE, open_only=True)


def follow_up_reminder(*, case: "Case", due_on: date | None) -> Reminder | None:
    """Remind the case manager of the aftercare follow-up (closed cases too; None cancels it)."""
    return _case_date_reminder(case=case, due_on=due_on, kind=ReminderKind.FOLLOW_UP_DUE, open_only=False)
