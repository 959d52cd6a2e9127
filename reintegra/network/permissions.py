"""Who may use the service directory: the staff who refer clients, in their own organisation."""

from typing import Any

from reintegra.accounts.models import Organisation, Role, User
from reintegra.accounts.selectors import user_has_role
from reintegra.core.exceptions import PermissionDenied

# The same roles read and maintain the directory: case managers and team leads find
# providers for their clients and keep the entries current, admins curate it.
DIRECTORY_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD, Role.ORG_ADMIN)


def can_use_directory(user: Any) -> bool:
    """True for a signed-in staff member with a directory role and an organisation."""
    return (
        getattr(user, "is_authenticated", False)
        and user.organisation_id is not None
        and user_has_role(user, *DIRECTORY_ROLES)
    )


def require_directory_editor(actor: User, organisation: Organisation | None) -> None:
    """Refuse (403) a change by someone without a directory role in `organisation`."""
    if organisation is None or not can_use_directory(actor) or actor.organisation_id != organisation.pk:
        raise PermissionDenied("You are not allowed to change this organisation's service directory.")


def actor_of(request: Any) -> User:
    """The signed-in person behind a request that passed the sign-in checks (403 otherwise)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user
