"""The evaluation (Ergebnisse bewerten & evaluieren). With everything recorded, the phase is complete."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.checklist import missing_items
from reintegra.cases.gas import t_score
from reintegra.cases.inputs import EvaluationData
from reintegra.cases.models import Case, CasePhase, Evaluation, PhaseStatus, Satisfaction
from reintegra.cases.permissions import can_change_case
from reintegra.cases.services.common import (
    CHANGE_REFUSED,
    ensure_admitted_or_intake,
    ensure_open,
    event_record,
    log_change,
    phase_touch,
)
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.core.services import check_version, save_with_version
from reintegra.notifications.standard import follow_up_reminder


def evaluation_of(case: Case) -> Evaluation:
    """The case's evaluation, or an unsaved empty one (GET of a part not yet written)."""
    try:
        return case.evaluation
    except Evaluation.DoesNotExist:
        return Evaluation(case=case)


def case_goals(case: Case) -> list[Any]:
    """The goals of the case (from the plans app), read from the prefetch when there is one."""
    return list(case.goals.all())  # type: ignore[attr-defined]


def _final_ratings(case: Case, ratings: Any) -> tuple[list[dict[str, Any]], float | None]:
    if not isinstance(ratings, list):
        raise ValidationError({"final_ratings": [_("Send a list of {goal, score}.")]})
    goals = {str(goal.pk): goal for goal in case_goals(case)}
    cleaned: list[dict[str, Any]] = []
    errors: dict[str, Any] = {}
    seen: set[str] = set()
    for index, item in enumerate(ratings):
        goal_id = str(item.get("goal")) if isinstance(item, dict) else ""
        score = item.get("score") if isinstance(item, dict) else None
        if goal_id not in goals:
            errors[str(index)] = {"goal": ["Choose a goal of this case."]}
        elif goal_id in seen:
            errors[str(index)] = {"goal": ["Each goal is rated once."]}
        elif not isinstance(score, int) or isinstance(score, bool) or score not in (-2, -1, 0, 1, 2):
            errors[str(index)] = {"score": ["Rate with -2, -1, 0, 1 or 2."]}
        else:
            seen.add(goal_id)
            cleaned.append({"goal": goal_id, "score": score})
    if errors:
        raise InvalidInput({"final_ratings": errors})
    weighted = [(item["score"], goals[item["goal"]].weight) for item in cleaned]
    return cleaned, t_score(weighted)


@transaction.atomic
def evaluation_save(*, actor: User, case: Case, version: int, data: EvaluationData) -> Evaluation:
    """Write the evaluation (PUT); with nothing missing any more the evaluation phase is done."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    ensure_admitted_or_intake(case)
    check_version(case, version)
    errors: dict[str, list[str]] = {}
    outcomes = case.case_type.outcomes or []
    if data.get("outcome") not in outcomes:
        errors["outcome"] = [f"Choose one of: {', '.join(outcomes)}."]
    if not (data.get("summary") or "").strip():
        errors["summary"] = ["Summarise the results."]
    if not isinstance(data.get("aftercare_needed"), bool):
        errors["aftercare_needed"] = ["Answer with true or false."]
    elif data["aftercare_needed"] and not data.get("follow_up_on"):
        errors["follow_up_on"] = ["Enter the date of the follow-up, for example 3.11.2026."]
    elif (follow_up_on := data.get("follow_up_on")) and follow_up_on < timezone.localdate():
        errors["follow_up_on"] = ["The follow-up date cannot be in the past."]
    if data.get("satisfaction") not in Satisfaction.values:
        errors["satisfaction"] = ["Record whether satisfaction was asked, or declined by the client."]
    if errors:
        raise ValidationError(errors)
    ratings, t_score = _final_ratings(case, data.get("final_ratings", []))
    evaluation = evaluation_of(case)
    old = {"outcome": evaluation.outcome, "t_score": evaluation.t_score}
    evaluation.outcome = data["outcome"]
    evaluation.final_ratings = ratings
    evaluation.t_score = t_score
    evaluation.summary = data["summary"]
    evaluation.aftercare_needed = data["aftercare_needed"]
    evaluation.follow_up_on = data.get("follow_up_on") if data["aftercare_needed"] else None
    evaluation.satisfaction = data["satisfaction"]
    evaluation.full_clean(exclude=["case"])
    evaluation.save()
    save_with_version(case, update_fields=[], expected_version=version)
    phase_touch(case=case, key="evaluation")
    case.evaluation = evaluation
    # With nothing missing any more the phase is done: part of this change, so it is told in
    # the change's one timeline entry (not in a second `phase_completed` entry).
    phase_done = not missing_items(case, "evaluation") and bool(
        CasePhase.objects.filter(case=case, key="evaluation")
        .exclude(status=PhaseStatus.DONE)
        .update(status=PhaseStatus.DONE, completed_on=timezone.localdate())
    )
    new: dict[str, Any] = {"outcome": evaluation.outcome, "t_score": t_score}
    if phase_done:
        new.update(phase="evaluation", status="done")
    event_record(
        case=case,
        actor=actor,
        kind="evaluation_saved",
        summary=f"Evaluation recorded: {evaluation.outcome}" + ("; phase evaluation completed" if phase_done else ""),
        old=old,
        new=new,
    )
    log_change(actor=actor, case=case, object_type="evaluation")
    # The aftercare follow-up becomes a reminder for the case manager (None cancels a pending one).
    follow_up_reminder(case=case, due_on=evaluation.follow_up_on if evaluation.aftercare_needed else None)
    return evaluation
