"""The employer portal: the cases released to me, the measures that are mine, what is due; mark one done."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.cases.disclosure import disclosed_case_get, disclosed_cases, disclosed_payload
from reintegra.core.htmx import run_form_service
from reintegra.core.languages import own_language
from reintegra.plans.pdf import participant_plan_pdf
from reintegra.plans.services.portal import measure_done_by_participant
from reintegra.portal.forms import DoneForm
from reintegra.portal.selectors import (
    log_read,
    participant_language,
    participant_measure_get,
    participant_measures,
)
from reintegra.portal.views.access import participant_only


@participant_only
@require_GET
def employer_home_view(request: HttpRequest) -> HttpResponse:
    """Each released case (the disclosure is logged with its recipient) and the measures that are due."""
    cases = [disclosed_payload(case, user=request.user, request=request) for case in disclosed_cases(user=request.user)]
    today = timezone.localdate()
    due = [
        {"measure": measure, "overdue": measure.due_date < today}
        for measure in participant_measures(user=request.user)
        if measure.status != "done"
    ]
    return render(request, "portal/employer_home.html", {"cases": cases, "due": due, "today": today})


@participant_only
@require_GET
def employer_case_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = disclosed_case_get(user=request.user, case_id=case_id, request=request)
    payload = _with_dates(disclosed_payload(case, user=request.user, request=request))
    return render(
        request, "portal/employer_case.html", {"case": case, "payload": payload, "today": timezone.localdate()}
    )


@participant_only
@require_http_methods(["GET", "POST"])
def measure_done_view(request: HttpRequest, case_id: Any, measure_id: Any) -> HttpResponse:
    """A note is required; the measure is then done, and the case worker sees the note in its history."""
    case = disclosed_case_get(user=request.user, case_id=case_id, request=request)
    measure = participant_measure_get(user=request.user, case=case, measure_id=measure_id, request=request)
    log_read(request.user, "measure", case.pk, measure.pk, request)
    form = DoneForm(request.POST or None, initial={"version": measure.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            actor: Any = request.user
            note, version = form.cleaned_data["note"], form.cleaned_data["version"]
            call = run_form_service(
                form,
                lambda: measure_done_by_participant(actor=actor, measure=measure, note=note, version=version),
                conflicts=True,
            )
            status = call.status
            if call.conflict is not None:
                form.add_error(
                    None,
                    _("The measure was changed in the meantime: %(detail)s Reload the page and try again.")
                    % {"detail": call.conflict.detail},
                )
            elif call:
                messages.success(request, _("Thank you. The measure is marked as done."))
                return redirect("portal:employer_case", case_id=case.pk)
    context = {"case": case, "measure": measure, "form": form}
    return render(request, "portal/measure_done.html", context, status=status)


def _with_dates(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload's ISO dates as dates, for the page's local format (3.11.2026)."""

    def parse(value: Any) -> Any:
        try:
            return date.fromisoformat(value) if isinstance(value, str) else value
        except ValueError:
            return value

    for key in ("measures", "goals"):
        payload[key] = [
            {**row, **{name: parse(row.get(name)) for name in ("start_date", "due_date") if name in row}}
            for row in payload.get(key, [])
        ]
    return payload


@participant_only
@require_GET
def employer_plan_pdf_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """The plan as this participant may see it: shared goals and their own measures (the disclosure is logged)."""
    case = disclosed_case_get(user=request.user, case_id=case_id, request=request)
    payload = disclosed_payload(case, user=request.user, request=request)
    # in the participant's own language where it is set on the case, else the reader's
    own = own_language(participant_language(case=case, user=request.user))
    with translation.override(own or translation.get_language()):
        pdf = participant_plan_pdf(payload)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-plan.pdf"'
    return response
