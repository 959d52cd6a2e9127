"""Who may do what with accounts, and the role predicates the other apps' permissions build on.

The vocabulary (see `reintegra.core.permissions`): predicates are plain functions
`can_<verb>_<thing>(user, obj=None) -> bool`; services call `require(can_x(actor, obj))`,
views pass their answers to templates, API permission classes wrap them. Other apps'
`permissions.py` ask these role predicates rather than calling `user_has_role` themselves.
"""

from typing import Any

from reintegra.accounts.models import CASE_WORKER_ROLES, Role
from reintegra.accounts.second_factor import has_second_factor
from reintegra.accounts.selectors import user_has_role


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def organisation_of(obj: Any) -> Any:
    """The organisation id an object belongs to: its own (a case, a unit) or its case's (a consent, …)."""
    organisation_id = getattr(obj, "organisation_id", None)
    if organisation_id is None and getattr(obj, "case", None) is not None:
        organisation_id = obj.case.organisation_id
    return organisation_id


def can_work_on_cases(user: Any, obj: Any = None) -> bool:
    """A signed-in case manager or team lead of an organisation (and of `obj`'s organisation, if given).

    Which cases they see is the choke point's business (`Case.objects.visible_to`); this says
    only that their role changes case records at all.
    """
    if not _signed_in(user) or getattr(user, "organisation_id", None) is None:
        return False
    if obj is not None and organisation_of(obj) != user.organisation_id:
        return False
    return user_has_role(user, *CASE_WORKER_ROLES)


def can_use_client_portal(user: Any, obj: Any = None) -> bool:
    """A signed-in person with the client role (their data is selected by `Client.user`, never by an id)."""
    return _signed_in(user) and user_has_role(user, Role.CLIENT)


def can_get_token_with_password(user: Any, obj: Any = None) -> bool:
    """Username and password suffice for an API token only without a second factor.

    Someone with a second factor creates tokens on the token page, after entering the code.
    """
    return _signed_in(user) and not has_second_factor(user)
