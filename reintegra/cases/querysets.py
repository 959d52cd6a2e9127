"""The visibility choke point: every read of case data starts from `Case.objects.visible_to(user)`.

`visible_to` is a plain filter. How a page of a long list is read fast (branch by branch) is
the business of named selectors (`selectors.case_list_page`, `selectors.my_open_cases`), which
take the branches from `visibility_branches` and use only the public QuerySet API.
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_memberships

if TYPE_CHECKING:
    from reintegra.cases.models import Case  # noqa: F401


def visibility_branches(user: Any) -> list[Q]:
    """The branches of what `user` may see as staff, each a `Q` over the case (managed by,
    deputised by, in these units); their OR is the visible set within the user's organisation.
    Empty: nothing visible. `[Q()]`: the whole organisation (a team lead without a unit).

    - case managers: the cases they manage or deputise, plus their units' cases where the
      organisation enables it (`case_managers_see_unit`);
    - team leads: their units' cases.
    """
    if user is None or not user.is_authenticated or not user.organisation_id:
        return []
    memberships = user_memberships(user)
    roles = {role for role, _unit in memberships}
    branches: list[Q] = []
    units: list[Any] = []
    if Role.CASE_MANAGER in roles:
        branches += [Q(case_manager=user), Q(deputy=user)]
        if user.organisation.case_managers_see_unit:
            units += [unit for role, unit in memberships if role == Role.CASE_MANAGER and unit]
    lead_units = [unit for role, unit in memberships if role == Role.TEAM_LEAD and unit]
    units += lead_units
    if units:
        branches.append(Q(unit_id__in=sorted(set(units), key=str)))
    if Role.TEAM_LEAD in roles and not lead_units:
        return [Q()]  # a team lead without a unit leads the whole organisation
    return branches


class CaseQuerySet(models.QuerySet["Case"]):
    """Cases. Only filters here; no overridden QuerySet internals."""

    def visible_to(self, user: Any) -> "CaseQuerySet":
        """Cases `user` may see as staff. Nothing for anonymous users or another organisation."""
        branches = visibility_branches(user)
        if not branches:
            return self.none()
        condition = branches[0]
        for branch in branches[1:]:
            condition |= branch
        return self.filter(condition, organisation_id=user.organisation_id)

    def disclosed_to(self, user: Any) -> "CaseQuerySet":
        """Cases a portal user (employer contact, other participant) may see today: they take part,
        and a disclosure rule allows it (the consents app registers the rule: an active consent
        for the participant's role). No rule registered: nothing is disclosed."""
        # Imported here: the models import this module.
        from reintegra.cases.disclosure import DISCLOSURE_RULES
        from reintegra.cases.models import Participant

        if user is None or not user.is_authenticated or not DISCLOSURE_RULES:
            return self.none()
        today = timezone.localdate()
        allowed = Q(pk__in=[])
        for rule in DISCLOSURE_RULES:
            allowed |= rule(today)
        return self.filter(pk__in=Participant.objects.filter(allowed, user=user).values("case_id"))
