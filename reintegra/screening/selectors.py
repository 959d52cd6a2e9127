"""Reads of screening data. Every read of names or absences writes one access-log entry."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.permissions import require
from reintegra.screening.models import (
    Absence,
    Employee,
    Invitation,
    ScreeningHit,
    ScreeningRule,
    ScreeningRun,
)
from reintegra.screening.permissions import (
    can_configure_screening_rules,
    can_export_works_council_list,
    can_view_screening,
)

LIST_LIMIT = 500


def org_id(user: Any) -> Any:
    """The user's organisation id (callers have checked the user belongs to one)."""
    return user.organisation_id


def screening_read_log(
    *, user: Any, object_type: str, object_id: Any = "", detail: str = "", request: Any = None
) -> None:
    access_log_write(
        user=user,
        action=AccessAction.READ,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        request=request,
    )


def screening_hits(
    *, user: User, unit: Any = None, rule: str = "", today: date | None = None
) -> QuerySet[ScreeningHit]:
    """The screening list: stored hits of the user's organisation, without people who have an open case
    of the rule's case type or an invitation for the rule within the last 365 days (`ScreeningHit.listed`,
    kept by the run and the invitation services). Who crossed a rule first comes first."""
    require(can_view_screening(user), _("Only case managers, team leads and admins see the screening list."))
    hits = (
        ScreeningHit.objects.filter(organisation_id=org_id(user), listed=True)
        .select_related("employee", "employee__unit", "rule")
        .order_by("eligible_since", "id")
    )
    if unit:
        hits = hits.filter(employee__unit=unit)
    if rule:
        hits = hits.filter(rule__key=rule)
    return hits


# What one row of the screening page shows (`screening_list_page`): plain values, no models.
LIST_ROW_FIELDS = ("id", "employee_id", "rule_id", "eligible_since", "days", "reason")


def screening_list_page(
    *, user: User, unit: Any = None, rule: str = "", number: Any = None, per_page: int = 50
) -> Page:
    """One page of the screening list (`screening_hits`): its rows are dicts of the values the page
    shows (`LIST_ROW_FIELDS`, the employee's `first_name`, `last_name`, `personnel_number` and
    `unit_name`), no hit, employee, unit or rule model; the rule's label comes from the organisation's
    few rules (`screening_rules_of`). The count is taken of the hits alone, without the joins the rows
    need (performance.md, "Screening from absence data")."""
    page = Paginator(screening_hits(user=user, unit=unit, rule=rule), per_page).get_page(number)
    page.object_list = page.object_list.values(  # type: ignore[attr-defined]
        *LIST_ROW_FIELDS,
        first_name=F("employee__first_name"),
        last_name=F("employee__last_name"),
        personnel_number=F("employee__personnel_number"),
        unit_name=F("employee__unit__name"),
    )
    return page


def screening_rules_of(*, user: User) -> list[ScreeningRule]:
    """All the organisation's rules, active or not (the screening page's filter and its rows' labels)."""
    return list(ScreeningRule.objects.filter(organisation_id=org_id(user)).order_by("key"))


def last_run(*, user: User) -> ScreeningRun | None:
    return ScreeningRun.objects.filter(organisation_id=org_id(user)).first()


def rules_of(*, user: User) -> QuerySet[ScreeningRule]:
    return ScreeningRule.objects.filter(organisation_id=org_id(user), active=True).order_by("key")


def employee_get(*, user: User, employee_id: Any) -> Employee:
    """One employee of the user's organisation (404 whether missing or another organisation's)."""
    require(can_view_screening(user), _("Only case managers, team leads and admins see employees."))
    employee = Employee.objects.filter(organisation_id=org_id(user), pk=employee_id).select_related("unit").first()
    if employee is None:
        raise Http404
    return employee


def employee_absences(*, employee: Employee) -> QuerySet[Absence]:
    return employee.absences.order_by("-start")


def invitation_get(*, user: User, invitation_id: Any) -> Invitation:
    require(can_view_screening(user), _("Only case managers, team leads and admins see invitations."))
    invitation = (
        Invitation.objects.filter(organisation_id=org_id(user), pk=invitation_id)
        .select_related("employee", "employee__unit", "rule", "created_by", "case")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def invitations_list(*, user: User, status: str = "") -> QuerySet[Invitation]:
    require(can_view_screening(user), _("Only case managers, team leads and admins see invitations."))
    found = Invitation.objects.filter(organisation_id=org_id(user)).select_related("employee", "rule", "case")
    if status:
        found = found.filter(status=status)
    return found.order_by("-invited_on", "-created_at")


@dataclass(frozen=True)
class OfferRow:
    """One line of the works council's list: names and dates only (no reasons, days or answers)."""

    last_name: str
    first_name: str
    invited_on: date
    reminded_on: date | None


def works_council_rows(*, user: User, rule: str = "") -> list[OfferRow]:
    """The offers made, oldest first, for the works council (its right to monitor BEM)."""
    require(can_export_works_council_list(user), _("Only team leads export the works council's list."))
    found = Invitation.objects.filter(organisation_id=org_id(user)).select_related("employee")
    if rule:
        found = found.filter(rule__key=rule)
    return [
        OfferRow(
            last_name=i.employee.last_name,
            first_name=i.employee.first_name,
            invited_on=i.invited_on,
            reminded_on=i.reminded_on,
        )
        for i in found.order_by("invited_on", "employee__last_name", "employee__first_name")
    ]


def screening_rules_for_config(*, user: User) -> QuerySet[ScreeningRule]:
    """Every rule of the admin's organisation, active or not (the configuration page)."""
    require(can_configure_screening_rules(user), _("Only organisation admins configure screening rules."))
    return ScreeningRule.objects.filter(organisation_id=org_id(user)).order_by("key")


def screening_rule_get(*, user: User, rule_id: Any) -> ScreeningRule:
    """One rule of the admin's organisation (404 whether missing or another organisation's)."""
    rule = screening_rules_for_config(user=user).filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return rule
