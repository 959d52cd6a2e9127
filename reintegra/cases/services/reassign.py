"""Handing a case to another case manager (issue #14): the only way a case's manager changes.

A team lead of the case's unit or an organisation admin hands a case over, with a reason. The new
case manager must be an active case manager of the organisation; when they work in another unit,
the case moves to that unit (a team lead may do that only between units they lead). The new case
manager is notified; each case gets one `case_reassigned` timeline entry and one access-log row.

`check_permission=False` is for services that already decided (deactivating a person with a
handover, run by the organisation admin in the accounts' staff administration).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, Role, Unit, User
from reintegra.cases.models import Case
from reintegra.cases.notifications import CASE_REASSIGNED
from reintegra.cases.permissions import can_move_case_to_any_unit, can_reassign_case, leads_unit
from reintegra.cases.services.common import ensure_open, event_record, log_change
from reintegra.core.exceptions import PermissionDenied
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version

REASSIGN_REFUSED = "Only a team lead of the case's unit or an organisation admin may hand a case over."
REASON_MAX = 2000


def _units_managed_by(person: User) -> list[Any]:
    """The unit ids in which `person` is a case manager (None: the whole organisation)."""
    if person.organisation_id is None:
        return []
    return list(
        Membership.objects.filter(
            user=person, organisation_id=person.organisation_id, role=Role.CASE_MANAGER
        ).values_list("unit_id", flat=True)
    )


def reassign_target_check(*, organisation_id: Any, to_user: User | None, field: str = "case_manager") -> list[Any]:
    """Refuse (400 naming `field`) anyone but an active case manager of the organisation; return
    the unit ids they manage cases in."""
    if to_user is None:
        raise ValidationError({field: [_("Choose the case manager who takes the case over.")]})
    units = _units_managed_by(to_user) if to_user.organisation_id == organisation_id else []
    if not to_user.is_active or to_user.organisation_id != organisation_id or not units:
        raise ValidationError({field: [_("Choose an active case manager of your organisation.")]})
    return units


def _reason(reason: str) -> str:
    value = (reason or "").strip()
    if not value:
        raise ValidationError({"reason": [_("Give the reason for the handover.")]})
    if len(value) > REASON_MAX:
        raise ValidationError({"reason": [_("Use at most %(max)s characters.") % {"max": REASON_MAX}]})
    return value


def _target_unit(*, actor: User, case: Case, units: list[Any], check_permission: bool) -> Any:
    """The unit the case belongs to after the handover (its own, or one of the new case manager's)."""
    if case.unit_id is None or case.unit_id in units or None in units:
        return case.unit_id
    candidates = [unit for unit in units if unit is not None]
    if check_permission and not can_move_case_to_any_unit(actor, case):
        led = [unit for unit in candidates if leads_unit(actor, unit)]
        if not led:
            raise PermissionDenied(
                _(
                    "This case manager works in a unit you do not lead: "
                    "only an organisation admin may move the case there."
                )
            )
        candidates = led
    names = dict(Unit.objects.filter(pk__in=candidates).values_list("pk", "name"))
    return sorted(candidates, key=lambda pk: names.get(pk, ""))[0]


@transaction.atomic
def case_reassign(
    *,
    actor: User,
    case: Case,
    to_user: User | None,
    reason: str,
    check_permission: bool = True,
    field: str = "case_manager",
) -> Case:
    """Hand `case` over to `to_user`. `field` names the input in errors (`handover_to` for a
    deactivation)."""
    if check_permission:
        require(can_reassign_case(actor, case), REASSIGN_REFUSED)
    value = _reason(reason)
    units = reassign_target_check(organisation_id=case.organisation_id, to_user=to_user, field=field)
    assert to_user is not None
    case = Case.objects.select_related("organisation", "case_manager").get(pk=case.pk)  # the stored version
    ensure_open(case)
    if case.case_manager_id == to_user.pk:
        raise ValidationError({field: [_("%(name)s already manages this case.") % {"name": to_user.display_name}]})
    unit_id = _target_unit(actor=actor, case=case, units=units, check_permission=check_permission)
    previous = case.case_manager
    old = {
        "case_manager": str(previous.pk),
        "case_manager_name": previous.display_name,
        "unit": str(case.unit_id or ""),
    }
    new = {
        "case_manager": str(to_user.pk),
        "case_manager_name": to_user.display_name,
        "unit": str(unit_id or ""),
        "reason": "given",
    }
    fields = ["case_manager", "unit"]
    case.case_manager, case.unit_id = to_user, unit_id
    if case.deputy_id == to_user.pk:  # the deputy takes over: no one deputises themselves
        old["deputy"], new["deputy"] = str(case.deputy_id), ""
        case.deputy = None
        fields.append("deputy")
    save_with_version(case, update_fields=fields, expected_version=case.version)
    _notify(actor=actor, case=case, to_user=to_user, reason=value)
    event_record(
        case=case,
        actor=actor,
        kind="case_reassigned",
        summary=f"Case {case.reference} handed over to {to_user.display_name}",
        old=old,
        new=new,
    )
    log_change(actor=actor, case=case, object_type="case")
    return case


@transaction.atomic
def cases_reassign(
    *, actor: User, cases: Iterable[Case], to_user: User | None, reason: str, check_permission: bool = True
) -> int:
    """Hand several cases over at once: all or nothing; returns how many were handed over."""
    count = 0
    for case in cases:
        case_reassign(actor=actor, case=case, to_user=to_user, reason=reason, check_permission=check_permission)
        count += 1
    if count == 0:
        raise ValidationError({"cases": [_("Choose at least one case.")]})
    return count


def _notify(*, actor: User, case: Case, to_user: User, reason: str) -> None:
    from reintegra.notifications.services import notify

    notify(
        recipients=[to_user],
        kind=CASE_REASSIGNED,
        subject=f"Case {case.reference} handed over to you",
        body=reason,
        params={"reference": case.reference, "by": actor.display_name},
        case=case,
        link=f"/cases/{case.pk}/",
        dedupe_key=f"case_reassigned:{case.pk}:{case.version}",
    )
