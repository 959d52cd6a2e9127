"""Who may do what with questionnaires. Services and selectors `require()` these predicates,
views ask the same ones (and pass the answers to templates: `may_add`, `may_send`), and the API's
permission class wraps them.

- Staff of an organisation see the shipped instruments and their organisation's own.
- Organisation admins add instruments of their own.
- Case managers and team leads record responses, send survey links and record declines (the
  case is already visible to them through the choke point).
- Case managers, team leads and organisation admins see the organisation-wide results (counts
  and distributions, no personal data).
- Respondents behind a survey link need no account: the link's token is the permission.
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role, user_is_staff_member

CASE_WORKER_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)
AGGREGATE_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD, Role.ORG_ADMIN)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_see_questionnaires(user: Any) -> bool:
    """A staff member of an organisation (any staff role)."""
    return _signed_in(user) and user_is_staff_member(user)


def can_add_questionnaire(user: Any) -> bool:
    """An organisation admin (instruments of their own organisation)."""
    return _signed_in(user) and user.organisation_id is not None and user_has_role(user, Role.ORG_ADMIN)


def can_record_responses(user: Any) -> bool:
    """A case manager or team lead: responses, survey links and declines of a visible case."""
    return _signed_in(user) and user_has_role(user, *CASE_WORKER_ROLES)


def can_see_aggregate(user: Any) -> bool:
    """Case workers and organisation admins of an organisation."""
    return _signed_in(user) and user.organisation_id is not None and user_has_role(user, *AGGREGATE_ROLES)
