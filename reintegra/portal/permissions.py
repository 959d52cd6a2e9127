"""Who may use which portal: clients their own, participants (employer contacts, …) theirs, never staff.

Page decorators (`views.access`), API permission classes (`allowed_by`) and the services ask
these predicates. What a portal user then sees is selected by their account (`Client.user`,
`Participant.user`) and, for participants, by the disclosure rule — never by an id alone.
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.permissions import can_use_client_portal, can_work_on_cases
from reintegra.accounts.selectors import user_has_role, user_is_staff_member
from reintegra.cases.models import Participant


def can_use_portal_as_client(user: Any, obj: Any = None) -> bool:
    """A signed-in person with the client role."""
    return can_use_client_portal(user, obj)


def can_use_portal_as_participant(user: Any, obj: Any = None) -> bool:
    """Employer contacts, and any other portal account that takes part in a case (no staff role)."""
    if not getattr(user, "is_authenticated", False) or user_is_staff_member(user):
        return False
    return user_has_role(user, Role.EMPLOYER_CONTACT) or Participant.objects.filter(user=user).exists()


def can_invite_client(user: Any, case: Any = None) -> bool:
    """Case managers and team leads invite a case's client to the portal (or send a new link)."""
    return can_work_on_cases(user, case)


def portal_kind(user: Any) -> str | None:
    """ "client", "participant" or None (staff, anonymous): which portal a person belongs in."""
    if can_use_portal_as_client(user):
        return "client"
    if can_use_portal_as_participant(user):
        return "participant"
    return None
