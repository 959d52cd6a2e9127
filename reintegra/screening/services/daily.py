"""The nightly screening work, shared by the task and `manage.py screening_daily`."""

from datetime import date
from typing import Any

from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.screening.models import Employee
from reintegra.screening.services.invitations import invitations_follow_up, screening_purge
from reintegra.screening.services.runs import screening_run


def screening_daily_run(*, today: date | None = None) -> dict[str, Any]:
    """Purge, recompute the hits of every organisation with employees, then reminders and proposals."""
    today = today or timezone.localdate()
    report: dict[str, Any] = {"purged": screening_purge(today=today)}
    organisations = Organisation.objects.filter(pk__in=Employee.objects.values("organisation_id").distinct()).order_by(
        "name"
    )
    report["hits"] = {org.name: screening_run(organisation=org, today=today) for org in organisations}
    report["follow_up"] = invitations_follow_up(today=today)
    return report
