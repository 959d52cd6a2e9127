"""What the plan contributes to a portal participant's view of a case (see cases/disclosure.py).

Only the measures the participant is responsible for (title, dates, status) and the
goals of the last plan version the client agreed to (titles, due dates) — no
indicators, GAS levels, costs or other detail.
"""

from typing import Any

from reintegra.cases.models import Case
from reintegra.plans.models import Measure, PlanVersion


def disclosed_plan(case: Case, participant_ids: list[Any]) -> dict[str, Any]:
    measures = Measure.objects.filter(case=case, responsible_participant_id__in=participant_ids).order_by("due_date")
    agreed = PlanVersion.objects.filter(case=case).order_by("-number").first()
    goals = []
    if agreed is not None:
        for goal in agreed.snapshot.get("goals", []):
            if goal.get("status", "active") != "cancelled":
                goals.append({"title": goal.get("title", ""), "due_date": goal.get("due_date")})
    return {
        "measures": [
            {
                "id": str(measure.pk),
                "title": measure.title,
                "start_date": measure.start_date.isoformat() if measure.start_date else None,
                "due_date": measure.due_date.isoformat(),
                "status": measure.status,
            }
            for measure in measures
        ],
        "goals": goals,
    }
