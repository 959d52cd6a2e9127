"""Reads of the monitoring reviews and the GAS series (reviews in the order recorded, then the evaluation)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.cases.gas import is_gas_score, t_score
from reintegra.cases.models import Case, Evaluation
from reintegra.plans.models import Goal, GoalRating, GoalStatus, Measure, Review


def reviews_of(case: Case) -> QuerySet[Review]:
    """The case's reviews with their ratings and goals (no query per review)."""
    return (
        Review.objects.filter(case=case)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("ratings", queryset=GoalRating.objects.select_related("goal").order_by("goal__created_at"))
        )
    )


def review_get(case: Case, review_id: Any) -> Review:
    try:
        return reviews_of(case).get(pk=review_id)
    except (Review.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(_("No such review.")) from exc


def review_payload(review: Review) -> dict[str, Any]:
    return {
        "id": review.pk,
        "date": review.date,
        "ratings": [{"goal": rating.goal_id, "score": rating.score} for rating in review.ratings.all()],
        "gas_t_score": review.gas_t_score,
        "note": review.note or "",
        "recorded_by": {"id": review.recorded_by.pk, "display_name": review.recorded_by.display_name},
        "created_at": review.created_at,
    }


def _evaluation(case: Case) -> Evaluation | None:
    return Evaluation.objects.filter(case=case).first()


def evaluation_t_score(evaluation: Evaluation, weights: dict[str, int]) -> float | None:
    """The evaluation's stored T-score, or one computed from its final ratings with the goals' weights."""
    if evaluation.t_score is not None:
        return round(float(evaluation.t_score), 2)
    pairs = []
    for item in evaluation.final_ratings or []:
        if not isinstance(item, dict) or str(item.get("goal")) not in weights:
            continue
        score = item.get("score")
        if is_gas_score(score):
            pairs.append((score, weights[str(item["goal"])]))
    return t_score(pairs)


def gas_series(case: Case, reviews: list[Review] | None = None) -> list[dict[str, Any]]:
    """[{date, t_score}]: one point per review in the order recorded, then the evaluation's final ratings."""
    if reviews is None:
        reviews = list(Review.objects.filter(case=case).order_by("created_at", "id"))
    series: list[dict[str, Any]] = [{"date": r.date, "t_score": r.gas_t_score, "kind": "review"} for r in reviews]
    evaluation = _evaluation(case)
    if evaluation is not None and (evaluation.final_ratings or evaluation.t_score is not None):
        weights = {str(pk): weight for pk, weight in Goal.objects.filter(case=case).values_list("pk", "weight")}
        value = evaluation_t_score(evaluation, weights)
        if value is not None:
            series.append({"date": timezone.localdate(evaluation.updated_at), "t_score": value, "kind": "evaluation"})
    return series


def gas_summary(case: Case) -> dict[str, Any]:
    series = gas_series(case)
    return {
        "t_score": series[-1]["t_score"] if series else None,
        "series": [{"date": point["date"], "t_score": point["t_score"]} for point in series],
    }


@dataclass
class CostRow:
    title: str
    planned: Decimal | None
    actual: Decimal | None

    @property
    def over(self) -> bool:
        return self.actual is not None and self.actual > (self.planned or Decimal(0))


def cost_rows(case: Case) -> tuple[list[CostRow], CostRow]:
    """Planned against actual cost per measure and for the case (cancelled measures included as recorded)."""
    rows = [
        CostRow(title=m.title, planned=m.planned_cost, actual=m.actual_cost)
        for m in Measure.objects.filter(case=case).order_by("created_at", "id")
    ]
    planned = sum((r.planned or Decimal(0) for r in rows), Decimal(0))
    actual_values = [r.actual for r in rows if r.actual is not None]
    total = CostRow(title="", planned=planned, actual=sum(actual_values, Decimal(0)) if actual_values else None)
    return rows, total


def active_goals(case: Case) -> list[Goal]:
    """The goals a review rates, in the plan's order (priority, due date)."""
    return list(Goal.objects.filter(case=case, status=GoalStatus.ACTIVE).order_by("priority", "due_date", "created_at"))


def today() -> date:
    return timezone.localdate()
