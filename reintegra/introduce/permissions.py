"""Who may do what in the introduce app. Services call these; both skins rely on the services.

- Staff members of the organisation (any staff role) may view everything here
  and contribute to SOAR (add items, vote, edit their own items).
- Organisation admins and team leads edit the project, the playbook, the 4-D
  work, knowledge pages and office hours, and may edit or remove any SOAR item.
"""

from typing import Any
from uuid import UUID

from reintegra.accounts.models import STAFF_ROLES, Role, User
from reintegra.accounts.selectors import user_roles
from reintegra.core.exceptions import PermissionDenied

EDITOR_ROLES = frozenset({Role.ORG_ADMIN, Role.TEAM_LEAD})


def is_member(user: Any) -> bool:
    """A signed-in staff member of an organisation."""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return False
    return any(role in STAFF_ROLES for role in user_roles(user))


def is_editor(user: Any) -> bool:
    return is_member(user) and any(role in EDITOR_ROLES for role in user_roles(user))


def organisation_id_of(obj: Any) -> Any:
    """The organisation an object of this app belongs to (directly, via its project or session)."""
    for path in (
        "organisation_id",
        "project.organisation_id",
        "item.project.organisation_id",
        "session.organisation_id",
    ):
        value: Any = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        return value
    raise TypeError(f"{type(obj).__name__} belongs to no organisation.")


def _check_within(user: Any, within: Any) -> None:
    # Views fetch through the selectors already; this keeps a service safe when called directly.
    if within is not None and organisation_id_of(within) != user.organisation_id:
        raise PermissionDenied("This belongs to another organisation.")


def require_member(user: Any, within: Any = None) -> UUID:
    """Refuse people who are not staff members (of `within`'s organisation); returns their organisation's id."""
    if not is_member(user):
        raise PermissionDenied("Only staff members of the organisation have access here.")
    _check_within(user, within)
    return user.organisation_id  # type: ignore[no-any-return]


def require_editor(user: Any, within: Any = None) -> UUID:
    """Refuse people who may not edit (in `within`'s organisation); returns their organisation's id."""
    if not is_editor(user):
        raise PermissionDenied("Only organisation admins and team leads may change this.")
    _check_within(user, within)
    return user.organisation_id  # type: ignore[no-any-return]


def may_change_soar_item(user: User, item: Any) -> bool:
    return is_editor(user) or (is_member(user) and item.author_id == user.pk)
