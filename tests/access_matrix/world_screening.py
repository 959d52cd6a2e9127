"""Screening objects of the matrix organisation (employees, absences, an invitation, an import preview)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from reintegra.accounts.models import User

HEADER = "personnel_number,first_name,last_name,birth_date,unit,start,end,kind,percent,work_days_per_week"


def screening_objects(owner: User) -> dict[str, dict[str, Any]]:
    """Import two employees (both cross a rule), invite one; keep an import preview. Route → its keywords."""
    from reintegra.screening.models import Employee, ScreeningRule
    from reintegra.screening.services.imports import absences_import, import_job_create
    from reintegra.screening.services.invitations import invitation_create

    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=60), today - datetime.timedelta(days=5)
    rows = [
        f"M-1,Hanna,Absenz-Matrix,1980-01-01,Basel,{start},{end},illness,100,5",
        f"M-2,Otto,Screening-Matrix,,Zürich,{start},,accident,50,5",
    ]
    payload = "\n".join([HEADER, *rows]).encode()
    absences_import(actor=owner, payload=payload)
    employee = Employee.objects.get(organisation=owner.organisation, personnel_number="M-1")
    rule = ScreeningRule.objects.get(organisation=owner.organisation, key="bem")
    invitation = invitation_create(actor=owner, employee=employee, rule=rule)
    job = import_job_create(actor=owner, payload=payload, filename="matrix.csv")
    employee_kw = {"employee_id": str(employee.pk)}
    invitation_kw = {"invitation_id": str(invitation.pk)}
    job_kw = {"job_id": str(job.pk)}
    rule_kw = {"rule_id": str(rule.pk)}
    return {
        "screening:employee": employee_kw,
        "screening:invite": employee_kw,
        "screening:invitation": invitation_kw,
        "screening:respond": invitation_kw,
        "screening:letter": invitation_kw,
        "api:screening-invitation-letter": invitation_kw,
        "api:screening-invitation-respond": invitation_kw,
        "screening:import_job": job_kw,
        "screening:import_start": job_kw,
        "screening:import_progress": job_kw,
        "screening:rule_edit": rule_kw,
    }
