"""Who may use the monitoring lists: the people who work on cases (case managers and team leads)."""

from typing import Any

from reintegra.accounts.selectors import user_has_role
from reintegra.cases.services.common import CASE_WORKER_ROLES


def can_monitor(user: Any) -> bool:
    """True for a signed-in case manager or team lead of an organisation.

    Portal users, data protection and organisation admins without a case role see no case
    content, so they get 403 here rather than an empty list.
    """
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "organisation_id", None) is not None
        and user_has_role(user, *CASE_WORKER_ROLES)
    )
