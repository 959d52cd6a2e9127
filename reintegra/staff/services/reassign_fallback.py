"""Stand-in for `reintegra.cases.services.reassign.case_reassign` (helper branch `teamlead`), with its
exact signature, until that branch is merged: then `handover.py` imports the real one and this
module is deleted.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, Role, Unit, User
from reintegra.accounts.selectors import user_has_role
from reintegra.cases.models import Case
from reintegra.cases.services.common import ensure_open, event_record, log_change
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version


def _may_reassign(actor: User, case: Case) -> bool:
    if actor.organisation_id != case.organisation_id:
        return False
    if user_has_role(actor, Role.ORG_ADMIN):
        return True
    return case.unit is not None and Membership.objects.filter(user=actor, role=Role.TEAM_LEAD, unit=case.unit).exists()


@transaction.atomic
def case_reassign(*, actor: User, case: Case, to_user: User, reason: str, check_permission: bool = True) -> Case:
    """Hand the case to another active case manager of the organisation (to their unit if the case's
    is not theirs); one `case_reassigned` timeline entry."""
    if check_permission:
        require(
            _may_reassign(actor, case),
            "Only the team lead of the case's unit or an organisation admin may reassign it.",
        )
    ensure_open(case)
    units = list(
        Membership.objects.filter(
            user=to_user, role=Role.CASE_MANAGER, organisation_id=case.organisation_id
        ).values_list("unit_id", flat=True)
    )
    if not to_user.is_active or to_user.organisation_id != case.organisation_id or not units:
        raise ValidationError({"case_manager": [_("Choose an active case manager of your organisation.")]})
    if to_user.pk == case.case_manager_id:
        return case
    old = {"case_manager": str(case.case_manager_id), "unit": str(case.unit_id or "")}
    fields = ["case_manager"]
    case.case_manager = to_user
    if case.deputy_id == to_user.pk:
        case.deputy = None
        fields.append("deputy")
    if case.unit_id not in units and None not in units:
        case.unit = Unit.objects.get(pk=units[0])
        fields.append("unit")
    save_with_version(case, update_fields=fields, expected_version=case.version)
    event_record(
        case=case,
        actor=actor,
        kind="case_reassigned",
        summary=f"Case handed over to {to_user.display_name}",
        old=old,
        new={"case_manager": str(to_user.pk), "unit": str(case.unit_id or ""), "reason": "given"},
    )
    log_change(actor=actor, case=case, object_type="case")
    return case
