"""Who may use the records pages. The export itself asks `cases.permissions.can_export_client_record`
(the case page asks it too, and cases cannot import this app)."""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role


def can_find_client_records(user: Any, obj: Any = None) -> bool:
    """The data-protection role finds a person of its organisation by name to answer a request for
    their record (nDSG Art. 25, GDPR Art. 15); case managers export from the case page."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return False
    return user_has_role(user, Role.DATA_PROTECTION)
