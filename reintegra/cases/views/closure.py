"""Closing (with confirmation), approving a closure, reopening, and notes."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.cases.forms import CloseForm, NoteAmendForm, NoteForm, ReasonForm
from reintegra.cases.selectors import case_for_change, note_readable_get
from reintegra.cases.services.closure import case_close, case_reopen, closure_approve
from reintegra.cases.services.notes import note_add, note_amend
from reintegra.core.htmx import inline_form, inline_form_page, run_form_service, run_service_or_message


@login_required
@require_http_methods(["GET", "POST"])
def case_close_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        done = run_form_service(form, lambda: case_close(actor=actor, case=case, **form.cleaned_data))
        if done.result is not None:
            if done.result.closed_on is None:
                messages.success(request, _("The closure was filed. A team lead must approve it."))
            else:
                messages.success(request, _("The case was closed."))
            return redirect(case)
    return render(request, "cases/case_close.html", {"case": case, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def closure_approve_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    actor: Any = request.user
    if run_service_or_message(request, lambda: closure_approve(actor=actor, case=case)):
        messages.success(request, _("The closure was approved; the case is closed."))
    return redirect(case)


@login_required
@require_http_methods(["GET", "POST"])
def case_reopen_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        if run_form_service(form, lambda: case_reopen(actor=actor, case=case, reason=form.cleaned_data["reason"])):
            messages.success(request, _("The case was reopened."))
            return redirect(case)
    return inline_form_page(request, case, form, title=_("Reopen case"), action=request.path)


@login_required
@require_http_methods(["GET", "POST"])
def note_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    participants = {str(p.pk): p for p in case.participants.all()}
    form = NoteForm(
        request.POST or None,
        participants=[(k, str(p)) for k, p in participants.items()],
        closed=case.is_closed,
    )
    actor: Any = request.user

    def save() -> Any:
        data = dict(form.cleaned_data)
        data["present"] = [participants[key] for key in data["present"]]
        return note_add(actor=actor, case=case, **data)

    return inline_form(request, case, form, save, title=_("Add note"))


@login_required
@require_http_methods(["GET", "POST"])
def note_amend_view(request: HttpRequest, case_id: Any, note_id: Any) -> HttpResponse:
    """Amend a note with a reason; the earlier wording stays readable with the note."""
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    note = note_readable_get(user=request.user, case=case, note_id=note_id)
    form = NoteAmendForm(request.POST or None, initial={"text": note.text})
    actor: Any = request.user
    return inline_form(
        request,
        case,
        form,
        lambda: note_amend(actor=actor, case=case, note=note, **form.cleaned_data),
        title=_("Amend note"),
    )
