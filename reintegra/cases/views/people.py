"""Participants and periods of incapacity: inline forms on the case page (htmx), full pages without JS."""

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra.cases.forms import IncapacityCorrectForm, IncapacityForm, ParticipantEditForm, ParticipantForm
from reintegra.cases.models import IncapacityPeriod, Participant
from reintegra.cases.selectors import case_for_change
from reintegra.cases.services.common import ensure_open
from reintegra.cases.services.participants import (
    incapacity_add,
    incapacity_correct,
    participant_create,
    participant_remove,
    participant_update,
)
from reintegra.core.htmx import inline_done, inline_form


def _case_to_edit(request: HttpRequest, case_id: Any) -> Any:
    """The case for a change; a closed case offers no edit form (GET: a 409 page saying how to reopen it)."""
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    if request.method == "GET":
        ensure_open(case)
    return case


@login_required
@require_http_methods(["GET", "POST"])
def participant_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case, actor = _case_to_edit(request, case_id), cast(Any, request.user)
    form = ParticipantForm(request.POST or None)
    return inline_form(
        request,
        case,
        form,
        lambda: participant_create(actor=actor, case=case, data=cast(Any, form.cleaned_data)),
        title=_("Add participant"),
    )


@login_required
@require_POST
def participant_remove_view(request: HttpRequest, case_id: Any, participant_id: Any) -> HttpResponse:
    case = case_for_change(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    participant = get_object_or_404(Participant, case=case, pk=participant_id)
    participant_remove(actor=request.user, case=case, participant=participant)  # type: ignore[arg-type]
    return inline_done(request, case)


@login_required
@require_http_methods(["GET", "POST"])
def incapacity_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case, actor = _case_to_edit(request, case_id), cast(Any, request.user)
    form = IncapacityForm(request.POST or None)
    return inline_form(
        request,
        case,
        form,
        lambda: incapacity_add(actor=actor, case=case, data=cast(Any, form.cleaned_data)),
        title=_("Record incapacity"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit_view(request: HttpRequest, case_id: Any, participant_id: Any) -> HttpResponse:
    case, actor = _case_to_edit(request, case_id), cast(Any, request.user)
    participant = get_object_or_404(Participant, case=case, pk=participant_id)
    initial = {
        field: getattr(participant, field) for field in ("name", "organisation_name", "email", "phone", "language")
    }
    form = ParticipantEditForm(request.POST or None, initial=initial)

    def save() -> Any:
        return participant_update(actor=actor, case=case, participant=participant, data=cast(Any, form.cleaned_data))

    return inline_form(request, case, form, save, title=_("Edit participant"))


@login_required
@require_http_methods(["GET", "POST"])
def incapacity_edit_view(request: HttpRequest, case_id: Any, period_id: Any) -> HttpResponse:
    """End or correct a period of incapacity, with a reason (kept in the period's history)."""
    case, actor = _case_to_edit(request, case_id), cast(Any, request.user)
    period = get_object_or_404(IncapacityPeriod, case=case, pk=period_id)
    initial = {
        "end": period.end,
        "percent": period.percent,
        "certificate": period.certificate,
        "version": period.version,
    }
    form = IncapacityCorrectForm(request.POST or None, initial=initial)

    def save() -> Any:
        data: Any = dict(form.cleaned_data)
        version, reason = data.pop("version"), data.pop("reason")
        return incapacity_correct(actor=actor, case=case, period=period, version=version, reason=reason, data=data)

    title = _("End or correct the period from %(start)s") % {"start": f"{period.start:%d.%m.%Y}"}
    return inline_form(request, case, form, save, title=title)
