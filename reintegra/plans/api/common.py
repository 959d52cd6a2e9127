"""Shared pieces of the plan API: pagination, renderers for files, payload builders."""

from typing import Any

from rest_framework.request import Request

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.selectors import case_get
from reintegra.core.api.pagination import CursorPagination
from reintegra.core.api.renderers import PDFRenderer, SVGRenderer  # noqa: F401  (the plan views import them from here)
from reintegra.plans.api import serializers as s
from reintegra.plans.models import Goal, Measure, PlanVersion
from reintegra.plans.selectors.plan import currency_of, responsible_label
from reintegra.plans.snapshot import measure_values


class OldestFirstPagination(CursorPagination):
    """Goals and measures in the order they were written (stable for cursors)."""

    ordering = "created_at"


def user_of(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def case_for(request: Request, case_id: Any) -> Case:
    """The visible case (404 otherwise). The read of the plan part is logged by the caller."""
    return case_get(user=user_of(request), case_id=case_id, request=request, log=False)  # type: ignore[arg-type]


def goal_payload(goal: Goal) -> dict[str, Any]:
    return dict(s.GoalSerializer(goal).data)


def measure_payload(case: Case, measure: Measure) -> dict[str, Any]:
    values = measure_values(measure, responsible_label=responsible_label(case, measure))
    values.update(
        currency=currency_of(case),
        version=measure.version,
        created_at=measure.created_at,
        updated_at=measure.updated_at,
    )
    return dict(s.MeasureSerializer(values).data)


def version_summary(version: PlanVersion) -> dict[str, Any]:
    return {
        "version_number": version.number,
        "agreed_on": version.agreed_on,
        "form": version.form,
        "recorded_by": {"id": version.recorded_by.pk, "display_name": version.recorded_by.display_name},
        "goal_count": version.goal_count,
        "measure_count": version.measure_count,
        "created_at": version.created_at,
    }


def version_payload(version: PlanVersion) -> dict[str, Any]:
    snapshot = version.snapshot
    data = {
        **version_summary(version),
        "note": version.note or "",
        "currency": snapshot.get("currency", ""),
        "review_interval_weeks": snapshot.get("review_interval_weeks"),
        "next_review_on": snapshot.get("next_review_on"),
        "goals": snapshot.get("goals", []),
        "measures": snapshot.get("measures", []),
    }
    return dict(s.PlanVersionSerializer(data).data)
