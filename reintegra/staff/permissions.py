"""Who may administer and read the organisation's staff and units."""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.permissions import organisation_of
from reintegra.accounts.selectors import user_has_role


def _of_organisation(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None) is None:
        return False
    return obj is None or organisation_of(obj) == user.organisation_id


def can_administer_staff(user: Any, obj: Any = None) -> bool:
    """Organisation admins invite, change, deactivate and unlock people and keep the units."""
    return _of_organisation(user, obj) and user_has_role(user, Role.ORG_ADMIN)


def can_read_staff(user: Any, obj: Any = None) -> bool:
    """Organisation admins and team leads see the organisation's staff and units."""
    return _of_organisation(user, obj) and user_has_role(user, Role.ORG_ADMIN, Role.TEAM_LEAD)
