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


def can_read_note(user: Any, note: Any, case: Any) -> bool:
    """A restricted note is read only by the case manager and the deputy (not team leads, not the
    unit); other notes by whoever sees the case."""
    if not getattr(note, "restricted", False):
        return True
    return bool(getattr(user, "is_authenticated", False)) and user.pk in (case.case_manager_id, case.deputy_id)


def can_amend_note(user: Any, note: Any, case: Any) -> bool:
    """Case workers who may read the note amend it (with a reason; the earlier wording stays)."""
    return can_change_case(user, case) and can_read_note(user, note, case)
