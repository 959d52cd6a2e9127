"""Who sees the insights: team leads (their units) and organisation admins (every unit)."""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role


def can_see_insights(user: Any, obj: Any = None) -> bool:
    """A signed-in team lead or organisation admin of an organisation; everyone else 403."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "organisation_id", None) is None:
        return False
    return user_has_role(user, Role.TEAM_LEAD, Role.ORG_ADMIN)
