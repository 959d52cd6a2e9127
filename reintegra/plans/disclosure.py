"""What the plan contributes to a portal participant's view of a case (see cases/disclosure.py).

Only the measures the participant is responsible for (title, dates, status) and the
goals of the last plan version the client agreed to (titles, due dates) that are shared
with participants — no indicators, GAS levels, costs or other detail.

A goal is shown when it was shared in the agreed version (so the client agreed to the
title being shown) and is still shared now (so un-sharing takes effect at once). A goal
title can carry health information; sharing is off by default.
"""

from typing import Any

from reintegra.cases.models import Case
from reintegra.plans.models import Goal, Measure, PlanVersion


def disclosed_plan(case: Case, participant_ids: list[Any]) -> dict[str, Any]:
    measures = Measure.objects.filter(case=case, responsible_participant_id__in=participant_ids).order_by("due_date")
    agreed = PlanVersion.objects.filter(case=case).order_by("-number").first()
    return {"measures": _measures(measures), "goals": shared_agreed_goals(case, agreed)}


def shared_agreed_goals(case: Case, agreed: PlanVersion | None) -> list[dict[str, Any]]:
    """Title and due date of each goal shared in the agreed version `agreed` and still shared now."""
    if agreed is None:
        return []
    shared_now = {
        str(pk) for pk in Goal.objects.filter(case=case, shared_with_participants=True).values_list("pk", flat=True)
    }
    return [
        {"title": goal.get("title", ""), "due_date": goal.get("due_date")}
        for goal in agreed.snapshot.get("goals", [])
        if goal.get("shared_with_participants") is True
        and str(goal.get("id")) in shared_now
        and goal.get("status", "active") != "cancelled"
    ]


def _measures(measures: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": str(measure.pk),
            "title": measure.title,
            "start_date": measure.start_date.isoformat() if measure.start_date else None,
            "due_date": measure.due_date.isoformat(),
            "status": measure.status,
        }
        for measure in measures
    ]
