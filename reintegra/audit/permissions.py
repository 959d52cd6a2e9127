"""Who may read the access log: the data-protection role of an organisation, nobody else."""

from typing import Any

from django.http import HttpRequest

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role
from reintegra.audit.models import AccessAction
from reintegra.audit.services import ACCESS_LOG_OBJECT, access_log_write


def can_read_access_log(user: Any) -> bool:
    """Only the data-protection role, and only within an organisation (its entries are scoped by it)."""
    if user is None or not user.is_authenticated or not user.organisation_id:
        return False
    return user_has_role(user, Role.DATA_PROTECTION)


def access_log_denied(*, user: Any, request: HttpRequest | None) -> None:
    """A signed-in person without the role tried to read the log: that attempt is itself logged."""
    access_log_write(user=user, action=AccessAction.DENIED, object_type=ACCESS_LOG_OBJECT, request=request)
