"""The planning phase's checklist items. Each check reads only prefetched or joined relations."""

from typing import TYPE_CHECKING

from reintegra.plans.models import GAS_LEVELS

if TYPE_CHECKING:
    from reintegra.cases.models import Case
    from reintegra.plans.models import Goal


def goal_is_complete(goal: "Goal") -> bool:
    """Measurable criterion, priority, due date and all five GAS levels described."""
    levels = goal.levels
    return bool(
        (goal.indicator or "").strip()
        and goal.priority
        and goal.due_date
        and all((levels.get(key) or "").strip() for key in GAS_LEVELS)
    )


def goal_complete(case: "Case") -> bool:
    """At least one goal with indicator, priority, due date and all five GAS levels."""
    return any(goal_is_complete(goal) for goal in case.goals.all())  # type: ignore[attr-defined]


def measure_with_owner(case: "Case") -> bool:
    """At least one measure with a responsible person and a due date."""
    return any(measure.has_owner and measure.due_date for measure in case.measures.all())  # type: ignore[attr-defined]


def plan_agreed(case: "Case") -> bool:
    """At least one agreed plan version (mirrored on the plan row, joined instead of loading snapshots)."""
    try:
        plan = case.plan  # type: ignore[attr-defined]
    except Exception:  # RelatedObjectDoesNotExist: nothing written yet
        return False
    return bool(plan and plan.last_version_number > 0)


def review(case: "Case") -> bool:
    """Some review rated every goal that is active now (read from the prefetched reviews and goals)."""
    active = {goal.pk for goal in case.goals.all() if goal.status == "active"}  # type: ignore[attr-defined]
    if not active:
        return False
    return any(
        active <= {rating.goal_id for rating in item.ratings.all()}
        for item in case.reviews.all()  # type: ignore[attr-defined]
    )


def register_items() -> None:
    from reintegra.cases.checklist import register

    register("goal_complete", goal_complete, prefetch=["goals"])
    register("measure_with_owner", measure_with_owner, prefetch=["measures"])
    register("plan_agreed", plan_agreed, select=["plan"])
    register("review", review, prefetch=["reviews__ratings", "goals"])
