"""The consent-expiry reminder: its notification kind and the reminders the consent services schedule.

Call `consent_expiry_reminders(consent=...)` after recording, changing or withdrawing a
consent: the case manager is reminded 14 days and 1 day before `valid_until`, at 07:00
in the organisation's time zone. Calling it again moves the pending reminders (same keys);
a withdrawn consent, one without an end date or one of a closed case gets none.
"""

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.consents.models import Consent, Purpose
from reintegra.notifications.kinds import register_kind
from reintegra.notifications.models import Reminder
from reintegra.notifications.reminders import local_due_at, reminder_cancel, reminder_schedule

CONSENT_EXPIRING = "consent_expiring"
CONSENT_LEAD_DAYS = (14, 1)


def _purpose_label(params: dict[str, Any]) -> dict[str, Any]:
    purpose = params.get("purpose", "")
    label = Purpose(purpose).label if purpose in Purpose.values else purpose
    return {**params, "purpose": str(label)}


def register_kinds() -> None:
    """The consents app's notification kinds (called from `ConsentsConfig.ready`)."""
    register_kind(
        CONSENT_EXPIRING,
        label=_("Consent expires soon"),
        subject=_("Consent for %(reference)s expires on %(date)s"),
        body=_(
            "The consent “%(purpose)s” for case %(reference)s is valid until %(date)s. "
            "Please clarify with the client whether it should be renewed, and record the new consent."
        ),
        prepare=_purpose_label,
        open_case_only=True,
    )


def consent_reminder_key(consent_id: object, days: int) -> str:
    return f"{CONSENT_EXPIRING}:{consent_id}:{days}d"


def consent_expiry_reminders(*, consent: Consent, now: datetime | None = None) -> list[Reminder]:
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
                kind=CONSENT_EXPIRING,
                due_at=due_at,
                subject="",
                params={
                    "reference": case.reference,
                    "date": valid_until.isoformat(),  # shown in the reader's format
                    "purpose": consent.purpose,
                    "days": days,
                },
                case=case,
                link=case.get_absolute_url(),
                dedupe_key=key,
            )
        )
    return scheduled
