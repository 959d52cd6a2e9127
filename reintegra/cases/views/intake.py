"""The intake form (Aufnahme klären), with a visible conflict when the case changed meanwhile."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.cases.forms import IntakeForm
from reintegra.cases.selectors import case_for_change
from reintegra.cases.services.common import ensure_open
from reintegra.cases.services.intake import intake_of, intake_save
from reintegra.core.htmx import form_rebase_version, run_form_service


@login_required
@require_http_methods(["GET", "POST"])
def intake_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    if request.method == "GET":  # a closed case offers no edit form: a 409 page saying how to reopen it
        ensure_open(case)
    intake = intake_of(case)
    initial = {
        "criteria_met": "true" if intake.criteria_met else ("false" if intake.criteria_met is False else None),
        "decision": intake.decision,
        "decision_reason": intake.decision_reason,
        "client_informed": intake.client_informed,
        "commissioning_party_disclosed": intake.commissioning_party_disclosed,
        "cooperation_agreed": intake.cooperation_agreed,
        "version": case.version,
    }
    form = IntakeForm(request.POST or None, initial=initial)
    conflict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        data: Any = dict(form.cleaned_data)
        version = data.pop("version")
        actor: Any = request.user
        call = run_form_service(
            form, lambda: intake_save(actor=actor, case=case, version=version, data=data), conflicts=True
        )
        if call:
            messages.success(request, _("The intake was saved."))
            return redirect(case)
        conflict = call.conflict_context(stored=initial, submitted=form.cleaned_data)
        if call.stale:
            form_rebase_version(form, case.version)
    status = 409 if conflict else (400 if form.errors else 200)
    answers = {a.get("criterion"): a for a in intake.criteria_answers}
    # Answers are keyed by the stored criterion; shown in the reader's language while shipped.
    criteria = [
        (shown, answers.get(criterion))
        for criterion, shown in zip(case.case_type.criteria, case.case_type.criteria_shown, strict=False)
    ]
    context = {"case": case, "form": form, "conflict": conflict, "criteria": criteria}
    return render(request, "cases/intake_form.html", context, status=status)
