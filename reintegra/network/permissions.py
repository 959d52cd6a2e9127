"""Who may do what in the network app. Services `require()` these predicates, views ask the same
ones (and pass the answers to templates), the API's permission class wraps them.

- The service directory is read and kept by the staff who refer clients (case managers, team
  leads) and curated by organisation admins — each in their own organisation.
- Referrals of a case are proposed and moved along by case managers and team leads (the case is
  already visible to them through the choke point).
"""

from typing import Any

from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation, Role, User
from reintegra.accounts.selectors import user_has_role
from reintegra.core.exceptions import PermissionDenied

# The same roles read and maintain the directory: case managers and team leads find
# providers for their clients and keep the entries current, admins curate it.
DIRECTORY_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD, Role.ORG_ADMIN)
REFERRAL_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def can_use_directory(user: Any) -> bool:
    """A signed-in staff member with a directory role and an organisation."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.organisation_id is not None
        and user_has_role(user, *DIRECTORY_ROLES)
    )


def can_change_directory(user: Any, organisation: Organisation | None) -> bool:
    """A directory role in `organisation` (the directory belongs to one organisation)."""
    return organisation is not None and can_use_directory(user) and user.organisation_id == organisation.pk


def can_change_referrals(user: Any) -> bool:
    """A case manager or team lead (the case itself was fetched through the choke point)."""
    return bool(getattr(user, "is_authenticated", False) and user_has_role(user, *REFERRAL_ROLES))


def actor_of(request: Any) -> User:
    """The signed-in person behind a request that passed the sign-in checks (403 otherwise)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied(_("Sign in first."))
    return user
