"""Monitoring reviews: every active goal rated on its GAS scale, the T-score, the next review date."""

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from datetime import date as _Date
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.gas import is_gas_score, t_score
from reintegra.cases.models import Case
from reintegra.cases.plausibility import review_date_error
from reintegra.cases.services.common import event_record, log_change, phase_touch
from reintegra.plans.models import Goal, GoalRating, GoalStatus, Plan, Review
from reintegra.plans.services.common import plan_change_allowed
from reintegra.plans.services.plan import first_agreed_on, plan_schedule_save

NOTE_MAX = 20000


class RatingInput(TypedDict):
    """One goal's GAS rating at a review (checked by `_check_ratings`, the score by `is_gas_score`)."""

    goal: uuid.UUID | str
    score: int


def _check_ratings(case: Case, ratings: Any) -> list[tuple[Goal, int]]:
    """[(goal, score)] for the case's active goals, each once and all of them; ValidationError naming `ratings`."""
    if not isinstance(ratings, list | tuple):
        raise ValidationError({"ratings": [_("Rate every active goal from -2 to +2.")]})
    goals = {str(goal.pk): goal for goal in Goal.objects.filter(case=case)}
    active = {key for key, goal in goals.items() if goal.status == GoalStatus.ACTIVE}
    problems: list[str] = []
    seen: dict[str, int] = {}
    for item in ratings:
        goal_id = str(item.get("goal", "")) if isinstance(item, dict) else ""
        score = item.get("score") if isinstance(item, dict) else None
        if goal_id not in goals:
            problems.append(_("The goal %(goal)s is not a goal of this case.") % {"goal": goal_id or "–"})
        elif goal_id not in active:
            problems.append(_("The goal “%(title)s” is no longer active.") % {"title": goals[goal_id].title})
        elif goal_id in seen:
            problems.append(_("The goal “%(title)s” is rated twice.") % {"title": goals[goal_id].title})
        if not is_gas_score(score):
            problems.append(_("A rating is a whole number from -2 to +2."))
        elif goal_id in goals:
            seen.setdefault(goal_id, int(score))
    if not active:
        problems.append(_("The case has no active goal to rate."))
    missing = [goals[key].title for key in sorted(active - set(seen), key=lambda k: goals[k].created_at)]
    if missing:
        problems.append(_("Rate every active goal; missing: %(titles)s.") % {"titles": ", ".join(missing)})
    if problems:
        raise ValidationError({"ratings": problems})
    return [(goals[key], score) for key, score in seen.items()]


def _next_review(plan: Plan, review_date: date) -> date | None:
    """The next review: the stored date moved forward by the interval, at least once and past the review."""
    weeks = plan.review_interval_weeks
    if not weeks:
        return plan.next_review_on
    step = timedelta(weeks=weeks)
    upcoming = (plan.next_review_on or review_date) + step
    while upcoming <= review_date:
        upcoming += step
    return upcoming


@transaction.atomic
def review_create(*, actor: User, case: Case, date: _Date, ratings: Sequence[RatingInput], note: str = "") -> Review:
    """Record a review (400 naming the field on bad input, 409 for a closed case)."""
    plan_change_allowed(actor, case)
    errors: dict[str, list[str]] = {}
    if not isinstance(date, _Date):
        errors["date"] = [_("Enter the date of the review, for example 3.11.2026.")]
    elif date > timezone.localdate():
        errors["date"] = [_("The date of the review cannot be in the future.")]
    elif message := review_date_error(date, first_agreed_on=first_agreed_on(case)):
        errors["date"] = [message]
    if len(note or "") > NOTE_MAX:
        errors["note"] = [_("Keep the note under %(max)s characters.") % {"max": NOTE_MAX}]
    try:
        rated = _check_ratings(case, ratings)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    review = Review(
        case=case,
        date=date,
        note=(note or "").strip(),
        recorded_by=actor,
        gas_t_score=t_score((score, goal.weight) for goal, score in rated),
    )
    review.full_clean(exclude=["case", "recorded_by"])
    review.save()
    GoalRating.objects.bulk_create(GoalRating(review=review, goal=goal, score=score) for goal, score in rated)
    phase_touch(case=case, key="monitoring")
    event_record(
        case=case,
        actor=actor,
        kind="review_recorded",
        summary=f"Review of {date:%d.%m.%Y}: {len(rated)} goals rated, GAS T-score {review.gas_t_score}",
        new={"date": date.isoformat(), "goals_rated": len(rated), "gas_t_score": review.gas_t_score},
    )
    log_change(actor=actor, case=case, object_type="review", object_id=review.pk)
    _schedule_after(actor=actor, case=case, review_date=date)
    return review


def _schedule_after(*, actor: User, case: Case, review_date: date) -> None:
    plan = Plan.objects.filter(case=case).first()
    if plan is None or not plan.review_interval_weeks:
        return
    upcoming = _next_review(plan, review_date)
    plan_schedule_save(
        actor=actor,
        case=case,
        version=plan.version,
        review_interval_weeks=plan.review_interval_weeks,
        next_review_on=upcoming,
        change_reason=_("Review recorded on %(date)s.") % {"date": f"{review_date:%d.%m.%Y}"},
        as_of=review_date,  # follows from a review recorded after the fact: not "in the past" then
    )  # which brings the review reminder in line (`due_reminders_sync`)
