"""The evaluation page (Ergebnisse bewerten & evaluieren): final ratings, outcome, aftercare, satisfaction."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.cases.forms import OUTCOME_LABELS, EvaluationForm
from reintegra.cases.selectors import case_get
from reintegra.cases.services.evaluation import case_goals, evaluation_of, evaluation_save
from reintegra.core.htmx import form_rebase_version, run_form_service


def _initial(case: Any, evaluation: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "outcome": evaluation.outcome or None,
        "summary": evaluation.summary,
        "aftercare_needed": {True: "true", False: "false"}.get(evaluation.aftercare_needed),
        "follow_up_on": evaluation.follow_up_on,
        "satisfaction": evaluation.satisfaction or None,
        "version": case.version,
    }
    for rating in evaluation.final_ratings:
        initial[f"rating_{rating['goal']}"] = str(rating["score"])
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    evaluation = evaluation_of(case)
    goals = [goal for goal in case_goals(case) if goal.status != "cancelled"]
    initial = _initial(case, evaluation)
    form = EvaluationForm(request.POST or None, initial=initial, outcomes=case.case_type.outcomes or [], goals=goals)
    conflict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        call = run_form_service(
            form,
            lambda: evaluation_save(
                actor=actor, case=case, version=form.cleaned_data["version"], data=form.service_data()
            ),
            conflicts=True,
        )
        if call:
            messages.success(request, _("The evaluation was saved."))
            return redirect(case)
        if call.stale and case.is_closed:
            return render(request, "cases/evaluation.html", _context(case, form, None, evaluation), status=409)
        conflict = call.conflict_context(stored=initial, submitted=form.cleaned_data)
        if call.stale:
            form_rebase_version(form, case.version)
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "cases/evaluation.html", _context(case, form, conflict, evaluation), status=status)


def _context(case: Any, form: EvaluationForm, conflict: Any, evaluation: Any) -> dict[str, Any]:
    return {
        "case": case,
        "form": form,
        "conflict": conflict,
        "evaluation": evaluation,
        "outcome_label": OUTCOME_LABELS.get(evaluation.outcome, evaluation.outcome),
        "read_only": case.is_closed,
    }
