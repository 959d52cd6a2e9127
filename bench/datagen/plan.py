"""Phases 2 to 5 of a synthetic case: assessment, goals and measures, the agreed plan, reviews, closure."""

from datetime import date, timedelta
from decimal import Decimal

from reintegra.assessments.models import Assessment, AssessmentItem
from reintegra.cases.models import Closure, Evaluation
from reintegra.plans.models import Goal, Measure, Plan, PlanVersion

from . import pools
from .common import Batch, CaseContext, new_uuid

try:  # the monitoring reviews (plans, phase 4) are being added to the tree right now
    from reintegra.plans.models import GoalRating, Review
except ImportError:  # pragma: no cover - a tree without reviews: generate none
    GoalRating = Review = None  # type: ignore[assignment, misc]


def assessment(ctx: CaseContext, batch: Batch) -> None:
    rng = ctx.rng
    day = ctx.opened_on + timedelta(days=rng.randint(7, 21))
    assessment = batch.add(
        Assessment(
            id=new_uuid(rng),
            case_id=ctx.case.id,
            date=min(day, ctx.anchor),
            recorded_by_id=ctx.manager,
            created_at=ctx.at(min(day, ctx.anchor)),
            updated_at=ctx.at(min(day, ctx.anchor)),
        )
    )
    for position, kind in enumerate(["problem", "resource", *rng.choices(["problem", "resource", "need"], k=2)]):
        batch.add(
            AssessmentItem(
                id=new_uuid(rng),
                assessment_id=assessment.id,
                position=position,
                domain=rng.choice(["work", "health", "finances", "social"]),
                kind=kind,
                text=rng.choice(pools.ASSESSMENT_TEXTS),
                professional_rating=rng.randint(0, 4),
                client_rating=rng.randint(0, 4) if rng.random() < 0.8 else None,
                client_rating_source="staff",
                created_at=assessment.created_at,
                updated_at=assessment.created_at,
            )
        )


def goals_and_measures(ctx: CaseContext, batch: Batch, current: int, closed: bool, end: date) -> list[Goal]:
    rng = ctx.rng
    start = ctx.opened_on + timedelta(days=rng.randint(14, 40))
    goals = []
    for n in range(rng.randint(3, 8)):
        goals.append(
            batch.add(
                Goal(
                    id=new_uuid(rng),
                    case_id=ctx.case.id,
                    title=rng.choice(pools.GOAL_TITLES),
                    horizon=rng.choice(["short", "medium", "long"]),
                    priority=rng.randint(1, 3),
                    due_date=start + timedelta(days=rng.randint(30, 365)),
                    indicator=rng.choice(pools.GOAL_INDICATORS),
                    weight=rng.choice([1, 1, 2, 3]),
                    level_minus_2=pools.GAS_TEXTS[0],
                    level_minus_1=pools.GAS_TEXTS[1],
                    level_0=pools.GAS_TEXTS[2],
                    level_plus_1=pools.GAS_TEXTS[3],
                    level_plus_2=pools.GAS_TEXTS[4],
                    status=rng.choice(["achieved", "not_achieved"]) if closed else "active",
                    created_at=ctx.at(min(start, ctx.anchor)) + timedelta(minutes=n),
                    updated_at=ctx.at(min(start, ctx.anchor)),
                )
            )
        )
    for n in range(rng.randint(3, 8)):
        due = start + timedelta(days=rng.randint(14, 300))
        measure = batch.add(
            Measure(
                id=new_uuid(rng),
                case_id=ctx.case.id,
                title=rng.choice(pools.MEASURE_TITLES),
                description="Details im Gespräch vereinbart." if rng.random() < 0.5 else "",
                responsible_kind=rng.choice(["case_manager", "client"]),
                start_date=start,
                due_date=due,
                planned_cost=Decimal(rng.randint(0, 40) * 250) if rng.random() < 0.5 else None,
                cost_bearer=rng.choice(["employer", "insurer", "iv", ""]),
                status="done" if closed or due < ctx.anchor - timedelta(days=30) else rng.choice(["planned", "active"]),
                created_at=ctx.at(min(start, ctx.anchor)) + timedelta(minutes=n),
                updated_at=ctx.at(min(start, ctx.anchor)),
            )
        )
        batch.measure_goals.append((measure.id, rng.choice(goals).id))
    agreed = current >= 3
    plan_at = ctx.at(min(start, ctx.anchor))
    batch.add(
        Plan(
            id=new_uuid(rng),
            case_id=ctx.case.id,
            review_interval_weeks=6,
            next_review_on=None if closed else ctx.anchor + timedelta(days=rng.randint(-20, 42)),
            last_version_number=1 if agreed else 0,
            created_at=plan_at,
            updated_at=plan_at,
        )
    )
    if agreed:
        version = batch.add(
            PlanVersion(
                id=new_uuid(rng),
                case_id=ctx.case.id,
                number=1,
                agreed_on=min(start + timedelta(days=7), end),
                form="written",
                recorded_by_id=ctx.manager,
                goal_count=len(goals),
                measure_count=len(goals),
                created_at=plan_at,
                updated_at=plan_at,
            )
        )
        version.snapshot = {"goals": [{"id": str(g.id), "title": g.title} for g in goals], "measures": []}
    return goals


def reviews(ctx: CaseContext, batch: Batch, goals: list[Goal], end: date) -> None:
    """3 to 8 monitoring reviews after the plan was agreed, each rating every goal on its GAS scale."""
    if Review is None or not goals:
        return
    rng = ctx.rng
    first = min(g.created_at.date() for g in goals) + timedelta(days=28)
    span = max((end - first).days, 1)
    for n in range(rng.randint(3, 8)):
        day = min(first + timedelta(days=span * n // 8 + rng.randint(0, 6)), ctx.anchor)
        at = ctx.at(day)
        review = batch.add(
            Review(
                id=new_uuid(rng),
                case_id=ctx.case.id,
                date=day,
                note=rng.choice(pools.NOTE_TEXTS) if rng.random() < 0.4 else "",
                recorded_by_id=ctx.manager,
                gas_t_score=round(rng.uniform(30, 70), 1),
                created_at=at,
                updated_at=at,
            )
        )
        for goal in goals:
            batch.add(
                GoalRating(
                    id=new_uuid(rng),
                    review_id=review.id,
                    goal_id=goal.id,
                    score=rng.randint(-2, 2),
                    created_at=at,
                    updated_at=at,
                )
            )


def closure(ctx: CaseContext, batch: Batch, not_admitted: bool, closed_on: date | None) -> None:
    rng = ctx.rng
    at = ctx.at(closed_on or ctx.anchor)
    batch.add(
        Closure(
            id=new_uuid(rng),
            case_id=ctx.case.id,
            reason="not_admitted" if not_admitted else rng.choice(["goals_achieved", "client_withdrew", "other"]),
            agreed_with_client=True,
            requested_by_id=ctx.manager,
            closed_on=closed_on,
            created_at=at,
            updated_at=at,
        )
    )
    if not not_admitted:
        batch.add(
            Evaluation(
                case_id=ctx.case.id,
                outcome=rng.choice(["rtw_full", "rtw_partial", "no_rtw", "achieved"]),
                t_score=round(rng.uniform(35, 65), 1),
                summary="Ziele überwiegend erreicht.",
                aftercare_needed=rng.random() < 0.3,
                satisfaction=rng.choice(["asked", "declined"]),
                updated_at=at,
            )
        )
