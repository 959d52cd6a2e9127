"""Who may work with anonymous inquiries: the organisation's case managers and team leads.

Nobody else reads them (org admins and data protection have no case role; portal users are
the public), and never across organisations: the selectors scope every read to the
person's organisation, so another organisation's thread is simply not found (404).
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role

INQUIRY_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def _signed_in_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "organisation_id", None))


def can_read_inquiries(user: Any, obj: Any = None) -> bool:
    """Read the inbox and threads, reply, keep the internal note."""
    if not _signed_in_staff(user) or not user_has_role(user, *INQUIRY_ROLES):
        return False
    return obj is None or obj.organisation_id == user.organisation_id


def can_reply_inquiry(user: Any, obj: Any = None) -> bool:
    return can_read_inquiries(user, obj)


def can_open_case_from_inquiry(user: Any, obj: Any = None) -> bool:
    """Only a case manager opens the case: it becomes theirs (`case_create` makes the actor its case manager)."""
    if not _signed_in_staff(user) or not user_has_role(user, Role.CASE_MANAGER):
        return False
    return obj is None or obj.organisation_id == user.organisation_id
