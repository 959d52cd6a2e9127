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

    def disclosed_to(self, user: Any) -> "CaseQuerySet":
        """Cases a portal user (employer contact, other participant) may see, by consent, today."""
        from django.utils import timezone

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(disclosure_condition(user, timezone.localdate()))


# Which consent purpose lets a participant of a given role see the case.
ROLE_PURPOSE = {
    "employer_contact": "share_with_employer",
    "physician": "share_with_physician",
    "insurer": "share_with_insurer",
    "works_council": "share_with_works_council",
    "disability_rep": "share_with_works_council",
    "provider": "share_with_provider",
}


def disclosure_condition(user: Any, today: Any) -> Q:
    """Cases a portal participant may see: they take part, and a matching consent is active today.

    A consent that names a participant covers only that participant; one without covers
    every participant of the matching role. `share_with_participant` always names one.
    """
    from django.db.models import Exists, OuterRef

    from reintegra.cases.models import Participant
    from reintegra.consents.models import Consent

    active = Consent.objects.filter(case=OuterRef("case_id"), withdrawn_on__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    role_match: Any = Q()
    for role, purpose in ROLE_PURPOSE.items():
        role_match |= Q(role=role) & Exists(
            active.filter(purpose=purpose).filter(Q(participant__isnull=True) | Q(participant=OuterRef("pk")))
        )
    named = Exists(active.filter(purpose="share_with_participant", participant=OuterRef("pk")))
    participations = Participant.objects.filter(user=user).filter(role_match | named)
    return Q(pk__in=participations.values("case_id"))
