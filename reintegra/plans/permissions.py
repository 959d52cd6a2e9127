"""Who may do what with a case's plan. Services `require()` these predicates, views pass their
answers to templates (`may_edit`), and the API relies on the same services.

- Case managers and team leads (the case is already visible to them through the choke point)
  change goals, measures, the review schedule, agreements and reviews while the case is open.
- The participant named responsible for a measure may mark it done from the portal, while an
  active consent discloses the case to them.
"""

from typing import Any

from reintegra.accounts.models import Role
from reintegra.accounts.selectors import user_has_role
from reintegra.cases.models import Case
from reintegra.plans.models import Measure, ResponsibleKind

PLAN_EDITOR_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)


def can_change_plan(user: Any, case: Case | None = None) -> bool:
    """A case worker; with a `case`, also only while it is open (offer no editing on a closed case).

    Services ask without the case: a closed case is a state conflict (409), not a refusal (403).
    """
    if not getattr(user, "is_authenticated", False) or not user_has_role(user, *PLAN_EDITOR_ROLES):
        return False
    return case is None or not case.is_closed


def can_mark_measure_done(user: Any, measure: Measure) -> bool:
    """The account of the measure's responsible participant, with the case disclosed to it."""
    participant = measure.responsible_participant
    return bool(
        getattr(user, "is_authenticated", False)
        and measure.responsible_kind == ResponsibleKind.PARTICIPANT
        and participant is not None
        and participant.user_id is not None
        and participant.user_id == user.pk
        and Case.objects.disclosed_to(user).filter(pk=measure.case_id).exists()
    )
