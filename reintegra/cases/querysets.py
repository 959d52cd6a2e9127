"""The visibility choke point: every read of case data starts from `Case.objects.visible_to(user)`."""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from reintegra.cases.models import Case  # noqa: F401


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: Any) -> "CaseQuerySet":
        """Cases `user` may see as staff. Nothing for anonymous users or another organisation.

        - case managers: the cases they manage or deputise, plus their units' cases where the
          organisation enables it (`case_managers_see_unit`);
        - team leads: their units' cases.
        Portal access (employer contacts, clients) by consent is added by the access issue.
        """
        from reintegra.accounts.models import Role
        from reintegra.accounts.selectors import user_memberships

        if user is None or not user.is_authenticated or not user.organisation_id:
            return self.none()
        memberships = user_memberships(user)
        roles = {role for role, _unit in memberships}
        condition = Q(pk__in=[])
        if Role.CASE_MANAGER in roles:
            condition |= Q(case_manager=user) | Q(deputy=user)
            if user.organisation.case_managers_see_unit:
                units = [unit for role, unit in memberships if role == Role.CASE_MANAGER and unit]
                condition |= Q(unit_id__in=units)
        lead_units = [unit for role, unit in memberships if role == Role.TEAM_LEAD and unit]
        if lead_units:
            condition |= Q(unit_id__in=lead_units)
        if Role.TEAM_LEAD in roles and not lead_units:
            # A team lead without a unit leads the whole organisation.
            condition |= Q(pk__isnull=False)
        return self.filter(condition, organisation_id=user.organisation_id)
