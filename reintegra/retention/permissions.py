"""Who works with retention, legal holds and erasure: the data-protection role of an organisation.

The retention periods themselves are configured on the case type by organisation admins
(`cases.permissions.can_configure_case_types`).
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role


def can_manage_retention(user: Any, obj: Any = None) -> bool:
    """The data-protection role, within its organisation (and `obj`'s organisation, if given)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "organisation_id", None):
        return False
    if obj is not None and getattr(obj, "organisation_id", None) != user.organisation_id:
        return False
    return user_has_role(user, Role.DATA_PROTECTION)
