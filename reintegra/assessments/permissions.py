"""Who may do what with assessments and the network map. Services `require()` these predicates;
views and the API call the same services (and views may ask the predicates for what to offer).

- Case managers and team leads record assessments and save the network map (the case is already
  visible to them through the choke point); a closed case is a state conflict (409), not a refusal.
- The client enters their own rating of an item of their own case (client portal).
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role
from reintegra.cases.models import Case

ASSESSOR_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def can_assess(user: Any, case: Case | None = None) -> bool:
    """A case worker; with a `case`, also only while it is open (what the pages offer)."""
    if not getattr(user, "is_authenticated", False) or not user_has_role(user, *ASSESSOR_ROLES):
        return False
    return case is None or not case.is_closed


def can_rate_as_client(user: Any, case: Case) -> bool:
    """The client of `case`, signed in with the client role."""
    return bool(
        getattr(user, "is_authenticated", False) and case.client.user_id == user.pk and user_has_role(user, Role.CLIENT)
    )
