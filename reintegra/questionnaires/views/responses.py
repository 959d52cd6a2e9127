"""Questionnaire pages: instruments for staff, a case's responses, filling one in, the result."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.models import User
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import PermissionDenied
from reintegra.core.htmx import run_form_service
from reintegra.questionnaires.engine import decimal_text
from reintegra.questionnaires.forms.responses import QuestionnaireDefinitionForm, ResponseForm, answer_field
from reintegra.questionnaires.models import ItemKind, Response
from reintegra.questionnaires.permissions import can_add_questionnaire
from reintegra.questionnaires.selectors.responses import (
    questionnaire_for_case,
    questionnaire_get,
    questionnaires_for,
    response_get,
)
from reintegra.questionnaires.services.responses import questionnaire_create, response_record
from reintegra.questionnaires.views.surveys import case_page


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _staff_questionnaires(user: User, **kwargs: Any) -> Any:
    """Pages answer 404 to people who may not see instruments (as for anything not theirs)."""
    try:
        return questionnaires_for(user=user, **kwargs)
    except PermissionDenied as exc:
        raise Http404(_("Not found.")) from exc


@login_required
@require_GET
def questionnaire_list_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    questionnaires = _staff_questionnaires(user, include_inactive=True).annotate(item_count=Count("items"))
    context = {"questionnaires": questionnaires, "may_add": can_add_questionnaire(user)}
    return render(request, "questionnaires/questionnaire_list.html", context)


@login_required
@require_GET
def questionnaire_detail_view(request: HttpRequest, questionnaire_id: Any) -> HttpResponse:
    user = _user(request)
    _staff_questionnaires(user)
    questionnaire = questionnaire_get(user=user, questionnaire_id=questionnaire_id)
    return render(request, "questionnaires/questionnaire_detail.html", {"questionnaire": questionnaire})


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_new_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not can_add_questionnaire(user):
        raise Http404(_("Not found."))
    form = QuestionnaireDefinitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        definition = form.definition()
        call = run_form_service(form, lambda: questionnaire_create(actor=user, definition=definition))
        if call.result is not None:
            messages.success(request, _("The questionnaire was added."))
            return redirect("questionnaires:detail", questionnaire_id=call.result.pk)
    return render(request, "questionnaires/questionnaire_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def case_responses_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    user = _user(request)
    case = case_get(user=user, case_id=case_id, request=request)
    return case_page(request, case)


@login_required
@require_http_methods(["GET", "POST"])
def response_new_view(request: HttpRequest, case_id: Any, questionnaire_id: Any) -> HttpResponse:
    user = _user(request)
    case = case_get(user=user, case_id=case_id, request=request)
    questionnaire = questionnaire_for_case(case=case, value=questionnaire_id)
    if questionnaire is None:
        raise Http404(_("No such questionnaire."))
    form = ResponseForm(request.POST or None, questionnaire=questionnaire)
    status = 200
    if request.method == "POST" and form.is_valid():
        answers, answered_on = form.answers(), form.cleaned_data["answered_on"]
        respondent_kind = form.cleaned_data["respondent_kind"]
        call = run_form_service(
            form,
            lambda: response_record(
                actor=user,
                case=case,
                questionnaire=questionnaire,
                answers=answers,
                answered_on=answered_on,
                respondent_kind=respondent_kind,
            ),
            field_for=answer_field,
        )
        if (response := call.result) is not None:
            messages.success(request, _("The questionnaire was recorded."))
            return redirect("questionnaires:response", case_id=case.pk, response_id=response.pk)
        status = 200 if call.status == 400 else call.status  # 400 is decided below, with the form's own errors
    if form.errors and status == 200:
        status = 400
    context = {"case": case, "questionnaire": questionnaire, "form": form}
    return render(request, "questionnaires/response_form.html", context, status=status)


def _answer_rows(response: Response) -> list[dict[str, str]]:
    """Each question with the answer as the person saw it (the option's label)."""
    rows = []
    for item in response.questionnaire.items.all():
        value = response.answers.get(item.key)
        if value is None:
            shown = "–"
        elif item.kind == ItemKind.SINGLE_CHOICE:
            labels = {o.value: o.label for o in item.options.all()}
            shown = labels.get(Decimal(str(value)), str(value))
        elif item.kind == ItemKind.NUMBER:
            shown = decimal_text(Decimal(str(value)))
        else:
            shown = str(value)
        rows.append({"question": item.text, "answer": shown})
    return rows


@login_required
@require_GET
def response_detail_view(request: HttpRequest, case_id: Any, response_id: Any) -> HttpResponse:
    user = _user(request)
    case = case_get(user=user, case_id=case_id, request=request)
    response = response_get(user=user, case=case, response_id=response_id, request=request)
    context = {"case": case, "response": response, "rows": _answer_rows(response)}
    return render(request, "questionnaires/response_detail.html", context)
