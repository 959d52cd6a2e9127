"""Who may use screening: predicates `can_<verb>_<thing>(user, obj=None) -> bool`.

Screening data (names and absences of employees) is HR data of the organisation: case managers,
team leads and organisation admins of that organisation see it; data protection, employer
contacts and portal users never do. `obj` is anything with an `organisation_id`.
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role

SCREENING_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD, Role.ORG_ADMIN)
INVITING_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def _member(user: Any, obj: Any, roles: tuple[str, ...]) -> bool:
    if not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None) is None:
        return False
    if obj is not None and getattr(obj, "organisation_id", None) != user.organisation_id:
        return False
    return user_has_role(user, *roles)


def can_view_screening(user: Any, obj: Any = None) -> bool:
    """The screening list, employees and their absences."""
    return _member(user, obj, SCREENING_ROLES)


def can_import_absences(user: Any, obj: Any = None) -> bool:
    return _member(user, obj, SCREENING_ROLES)


def can_manage_column_mappings(user: Any, obj: Any = None) -> bool:
    return _member(user, obj, SCREENING_ROLES)


def can_invite_employee(user: Any, obj: Any = None) -> bool:
    """Making the offer and recording the answer is case work: case managers and team leads."""
    return _member(user, obj, INVITING_ROLES)


def can_respond_invitation(user: Any, obj: Any = None) -> bool:
    return _member(user, obj, INVITING_ROLES)


def can_export_works_council_list(user: Any, obj: Any = None) -> bool:
    """The works council's list of offers made (§ 176 BetrVG monitoring of BEM): team leads."""
    return _member(user, obj, (Role.TEAM_LEAD,))


def can_configure_screening_rules(user: Any, obj: Any = None) -> bool:
    """The rules' settings (threshold, window, counting unit, kinds): the organisation's configuration, so
    organisation admins, as for case types."""
    return _member(user, obj, (Role.ORG_ADMIN,))
