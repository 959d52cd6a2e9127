"""Who may do what in the introduce app: the predicates services, views, templates and the API ask.

Each predicate is a plain function `can_<verb>_<thing>(user, obj=None) -> bool`. Services
enforce them with `core.permissions.require(...)`; views pass their answers to templates as
booleans (`may_edit`, `item.may_change`); the API's permission classes (`api/base.py`) wrap them.

- Staff members of the organisation (any staff role) may view everything here
  and contribute to SOAR (add items, vote, edit their own items).
- Organisation admins and team leads edit the project, the playbook, the 4-D
  work, knowledge pages and office hours, and may edit or remove any SOAR item.
- The sign-ups of an office hour (e-mail addresses, questions) are for editors and the host.

With `obj`, a predicate also asks that the object belongs to the user's organisation. Views
fetch through the selectors (404 for other organisations) already; this keeps a service safe
when it is called directly.
"""

from typing import Any

from reintegra.accounts.models import STAFF_ROLES, Role
from reintegra.accounts.selectors import user_roles

EDITOR_ROLES = frozenset({Role.ORG_ADMIN, Role.TEAM_LEAD})

# What a refusal says (`core.permissions.require(can_…(user, obj), MESSAGE)`).
MEMBERS_ONLY = "Only staff members of the organisation have access here."
EDITORS_ONLY = "Only organisation admins and team leads may change this."
SOAR_AUTHORS_ONLY = "Only the author, a team lead or an organisation admin may change this item."
SIGNUPS_HOSTS_ONLY = "Only the host, team leads and organisation admins see the sign-ups."


def organisation_id_of(obj: Any) -> Any:
    """The organisation an object of this app belongs to (directly, via its project or session)."""
    for path in (
        "organisation_id",
        "project.organisation_id",
        "item.project.organisation_id",
        "session.organisation_id",
    ):
        value: Any = obj
        try:
            for part in path.split("."):
                value = getattr(value, part)
        except AttributeError:
            continue
        return value
    raise TypeError(f"{type(obj).__name__} belongs to no organisation.")


def _is_staff_member(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return False
    return any(role in STAFF_ROLES for role in user_roles(user))


def _within(user: Any, obj: Any) -> bool:
    return obj is None or organisation_id_of(obj) == user.organisation_id


def can_view_introduction(user: Any, obj: Any = None) -> bool:
    """A signed-in staff member of the organisation (of `obj`): sees every page and list of the app."""
    return _is_staff_member(user) and _within(user, obj)


def can_edit_introduction(user: Any, obj: Any = None) -> bool:
    """An organisation admin or team lead (of `obj`'s organisation): edits everything but other people's votes."""
    return _is_staff_member(user) and any(role in EDITOR_ROLES for role in user_roles(user)) and _within(user, obj)


def can_add_soar_item(user: Any, obj: Any = None) -> bool:
    """Every staff member contributes to the SOAR analysis of a project (`obj`) of the organisation."""
    return can_view_introduction(user, obj)


def can_vote_soar_item(user: Any, obj: Any = None) -> bool:
    """Every staff member votes (and takes a vote back) on the organisation's SOAR items."""
    return can_view_introduction(user, obj)


def can_change_soar_item(user: Any, obj: Any = None) -> bool:
    """Editors change or remove any SOAR item; other staff members only their own.

    Without `obj` (a form about to open) the answer is whether the person may change any item at all.
    """
    if can_edit_introduction(user, obj):
        return True
    return can_view_introduction(user, obj) and (obj is None or obj.author_id == user.pk)


def can_view_signups(user: Any, obj: Any = None) -> bool:
    """Who signed up for an office hour (`obj`) and their questions: editors and the session's host."""
    if can_edit_introduction(user, obj):
        return True
    return can_view_introduction(user, obj) and obj is not None and obj.host_id == user.pk
