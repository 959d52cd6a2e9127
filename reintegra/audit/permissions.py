"""Who may read the access log: the data-protection role of an organisation, nobody else.

The page (`views._data_protection_only`), the API (`AccessLogReaders`) and the CSV export ask
this one predicate; a refused attempt is itself logged (`services.access_log_denied`).
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role


def can_read_access_log(user: Any, obj: Any = None) -> bool:
    """Only the data-protection role, and only within an organisation (its entries are scoped by it)."""
    if user is None or not user.is_authenticated or not user.organisation_id:
        return False
    return user_has_role(user, Role.DATA_PROTECTION)
