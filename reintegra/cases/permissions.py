"""Who may do what with cases: predicates `can_<verb>_<thing>(user, obj=None) -> bool`.

Services enforce them with `core.permissions.require(can_…(…), message)` (403 in both skins);
views ask the same predicates before they show a form, and pass their answers to templates.
What a person may *see* is the choke point's business (`Case.objects.visible_to`), not this
module's: these predicates are asked about cases the person already sees.
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role, user_memberships

# Staff who work on cases: they change them (the choke point decides which ones they see).
CASE_WORKER_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def can_change_case(user: Any, case: Any = None) -> bool:
    """Case managers and team leads change the cases they see (open or closed: whether a change
    fits the case's state is the service's business, a 409, not a 403)."""
    return bool(getattr(user, "is_authenticated", False)) and user_has_role(user, *CASE_WORKER_ROLES)


def can_approve_closure(user: Any, case: Any) -> bool:
    """A team lead of the case's unit (or one without a unit: the whole organisation)."""
    if not getattr(user, "is_authenticated", False):
        return False
    units = [unit for role, unit in user_memberships(user) if role == Role.TEAM_LEAD]
    return bool(units) and (case.unit_id in units or None in units)


def can_configure_case_types(user: Any, case_type: Any = None) -> bool:
    """Organisation admins configure their organisation's case types."""
    if not getattr(user, "is_authenticated", False) or not user_has_role(user, Role.ORG_ADMIN):
        return False
    return case_type is None or case_type.organisation_id == user.organisation_id


def _lead_units(user: Any) -> list[Any]:
    return [unit for role, unit in user_memberships(user) if role == Role.TEAM_LEAD]


def leads_unit(user: Any, unit_id: Any) -> bool:
    """A team lead of the unit `unit_id` (a lead without a unit leads the whole organisation)."""
    units = _lead_units(user)
    return bool(units) and (unit_id in units or None in units)


def can_open_case_for_others(user: Any, obj: Any = None) -> bool:
    """Open a case for another case manager: a team lead (for the case managers of the units they
    lead; which ones, the service checks with `leads_unit`). Others open cases for themselves."""
    return bool(getattr(user, "is_authenticated", False)) and bool(_lead_units(user))


def can_move_case_to_any_unit(user: Any, case: Any = None) -> bool:
    """A handover may move the case into a unit the actor does not lead: organisation admins only
    (a team lead moves cases only into units they lead)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None) is None:
        return False
    if case is not None and case.organisation_id != user.organisation_id:
        return False
    return user_has_role(user, Role.ORG_ADMIN)


def can_reassign_case(user: Any, case: Any = None) -> bool:
    """Hand a case to another case manager: a team lead of the case's unit, or an organisation
    admin of its organisation. Without a case: whether the person may hand over cases at all."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None) is None:
        return False
    if case is not None and case.organisation_id != user.organisation_id:
        return False
    if user_has_role(user, Role.ORG_ADMIN):
        return True
    if case is None:
        return bool(_lead_units(user))
    return leads_unit(user, case.unit_id)


def can_read_caseload(user: Any, obj: Any = None) -> bool:
    """The team's caseload: team leads (their units) and organisation admins (all)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None) is None:
        return False
    return user_has_role(user, Role.TEAM_LEAD, Role.ORG_ADMIN)


def can_export_client_record(user: Any, client: Any = None, *, case: Any = None) -> bool:
    """The person's own record (`GET /clients/{id}/export/`, nDSG Art. 25, GDPR Art. 15): the
    data-protection role of the client's organisation, or the case manager of one of the client's
    cases. The export holds all the person's cases of the organisation (a record in parts would
    not answer the request). With `case` (one of the client's cases, e.g. on the case page) and
    no `client`, the case manager of that case is answered without a query."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return False
    if case is not None and client is None:
        if case.organisation_id != user.organisation_id:
            return False
        return case.case_manager_id == user.pk or user_has_role(user, Role.DATA_PROTECTION)
    if client is None:
        return user_has_role(user, Role.DATA_PROTECTION, Role.CASE_MANAGER)
    if client.organisation_id != user.organisation_id:
        return False
    if user_has_role(user, Role.DATA_PROTECTION):
        return True
    return bool(client.cases.filter(case_manager=user).exists())


def can_read_note(user: Any, note: Any, case: Any) -> bool:
    """A restricted note is read only by the case manager and the deputy (not team leads, not the
    unit); other notes by whoever sees the case."""
    if not getattr(note, "restricted", False):
        return True
    return bool(getattr(user, "is_authenticated", False)) and user.pk in (case.case_manager_id, case.deputy_id)


def can_amend_note(user: Any, note: Any, case: Any) -> bool:
    """Case workers who may read the note amend it (with a reason; the earlier wording stays)."""
    return can_change_case(user, case) and can_read_note(user, note, case)
