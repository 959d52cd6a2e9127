"""Survey pages: the public page behind a link (no login), the staff part on the case's
questionnaire page (send a link, record a decline), and the organisation-wide results.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import InvalidInput, PermissionDenied
from reintegra.core.htmx import form_add_errors, run_form_service
from reintegra.questionnaires.forms.responses import answer_field
from reintegra.questionnaires.forms.surveys import AggregateFilterForm, SurveyDeclineForm, SurveyForm, SurveyInviteForm
from reintegra.questionnaires.models import Questionnaire, SurveyInvitation
from reintegra.questionnaires.permissions import can_record_responses, can_see_aggregate
from reintegra.questionnaires.selectors.responses import questionnaire_get, questionnaires_for, responses_read
from reintegra.questionnaires.selectors.surveys import AGGREGATE_REFUSED, aggregate, invitations_read
from reintegra.questionnaires.services.surveys import (
    SATISFACTION_KEY,
    SurveyLinkGone,
    invitation_by_token,
    survey_answer,
    survey_decline_record,
    survey_invite,
)
from reintegra.questionnaires.wording import shipped_wording

LINK_SESSION_KEY = "questionnaires_survey_link:%s"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- the public page ------------------------------------------------------------------------


def _gone(request: HttpRequest, state: str) -> HttpResponse:
    """A friendly page for a link that cannot be used: 404 unknown, 410 used or expired."""
    return render(
        request, "questionnaires/survey/gone.html", {"state": state}, status=404 if state == "unknown" else 410
    )


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def survey_view(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire behind a link: no login, no case details, the organisation's name only."""
    invitation = invitation_by_token(token)
    if invitation is None:
        return _gone(request, "unknown")
    return survey_page(request, invitation, done_url=reverse("questionnaires:survey_done"))


def survey_page(
    request: HttpRequest, invitation: SurveyInvitation, *, done_url: str, actor: User | None = None
) -> HttpResponse:
    """Answer (or decline) one invitation: behind its link, or from the client portal (`actor`)."""
    state = invitation.status
    if state != "open":
        return _gone(request, state)
    questionnaire = Questionnaire.objects.filter(pk=invitation.questionnaire_id).prefetch_related(
        "items__options", "bands"
    )[0]
    declining = request.method == "POST" and "decline" in request.POST
    form = SurveyForm(request.POST if request.method == "POST" and not declining else None, questionnaire=questionnaire)
    if request.method == "POST" and (declining or form.is_valid()):
        try:
            survey_answer(
                invitation=invitation,
                answers=None if declining else form.answers(),
                declined=declining,
                request=request,
                actor=actor,
            )
        except SurveyLinkGone as exc:
            return _gone(request, exc.status)
        except (InvalidInput, ValidationError) as exc:
            form_add_errors(form, exc, field_for=answer_field)
        else:
            return redirect(done_url + ("?declined=1" if declining else ""))
    wording = shipped_wording(questionnaire)
    context = {
        "organisation": invitation.case.organisation.name,
        "title": wording["name"] if wording else questionnaire.name,
        "form": form,
        "expires_on": timezone.localdate(invitation.expires_at),
    }
    return render(request, "questionnaires/survey/survey.html", context, status=400 if form.errors else 200)


@never_cache
@require_GET
def survey_done_view(request: HttpRequest) -> HttpResponse:
    return render(request, "questionnaires/survey/done.html", {"declined": request.GET.get("declined") == "1"})


# --- staff: the survey part of the case's questionnaire page ----------------------------------


def case_page(
    request: HttpRequest,
    case: Case,
    *,
    invite_form: SurveyInviteForm | None = None,
    decline_form: SurveyDeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The case's questionnaire page: responses, fill-in links, and the survey links."""
    user = _user(request)
    participants = list(case.participants.all())
    may_send = can_record_responses(user)
    try:
        questionnaires = list(questionnaires_for(user=user)) if not case.is_closed else []
    except PermissionDenied as exc:
        raise Http404(_("Not found.")) from exc
    context = {
        "case": case,
        "responses": list(responses_read(user=user, case=case, request=request)),
        "questionnaires": questionnaires,
        "invitations": list(invitations_read(user=user, case=case, request=request)),
        "may_send": may_send,
        "invite_form": invite_form or SurveyInviteForm(case=case, participants=participants),
        "decline_form": decline_form or SurveyDeclineForm(case=case, participants=participants, prefix="decline"),
        "new_link": request.session.pop(LINK_SESSION_KEY % case.pk, None) if request.method == "GET" else None,
        "now": timezone.now(),
    }
    return render(request, "questionnaires/case_responses.html", context, status=status)


@login_required
@require_POST
def survey_invite_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    user = _user(request)
    case = case_get(user=user, case_id=case_id, request=request)
    form = SurveyInviteForm(request.POST, case=case, participants=list(case.participants.all()))
    status = 400
    if form.is_valid():
        participant, send_email = form.participant(), form.cleaned_data["send_email"]
        call = run_form_service(
            form,
            lambda: survey_invite(
                actor=user, case=case, participant=participant, send_email=send_email, request=request
            ),
        )
        status = call.status
        if (invited := call.result) is not None:
            request.session[LINK_SESSION_KEY % case.pk] = invited.link
            if invited.invitation.emailed:
                messages.success(request, _("The survey link was made and sent by e-mail."))
            else:
                messages.success(request, _("The survey link was made. Hand it over now: it is shown only once."))
            return redirect(reverse("questionnaires:case_responses", args=[case.pk]) + "#survey")
    return case_page(request, case, invite_form=form, status=status)


@login_required
@require_POST
def survey_decline_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    user = _user(request)
    case = case_get(user=user, case_id=case_id, request=request)
    form = SurveyDeclineForm(request.POST, case=case, participants=list(case.participants.all()), prefix="decline")
    status = 400
    if form.is_valid():
        participant = form.participant()
        call = run_form_service(
            form, lambda: survey_decline_record(actor=user, case=case, participant=participant, request=request)
        )
        status = call.status
        if call:
            messages.success(request, _("Recorded: the survey was declined."))
            return redirect(reverse("questionnaires:case_responses", args=[case.pk]) + "#survey")
    return case_page(request, case, decline_form=form, status=status)


# --- staff: results across the organisation ---------------------------------------------------


@login_required
@require_GET
def aggregate_view(request: HttpRequest, questionnaire_id: Any) -> HttpResponse:
    user = _user(request)
    try:
        questionnaire = questionnaire_get(user=user, questionnaire_id=questionnaire_id)
    except PermissionDenied as exc:
        raise Http404(_("Not found.")) from exc
    if not can_see_aggregate(user):
        return render(request, "questionnaires/forbidden.html", {"detail": AGGREGATE_REFUSED}, status=403)
    form = AggregateFilterForm(request.GET or None, organisation_id=user.organisation_id)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {
            "case_type": form.cleaned_data["case_type"],
            "date_from": form.cleaned_data["date_from"],
            "date_to": form.cleaned_data["date_to"],
        }
    result = None if form.errors else aggregate(user=user, questionnaire=questionnaire, **filters)
    context = {"questionnaire": questionnaire, "form": form, "result": result}
    return render(request, "questionnaires/aggregate.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def satisfaction_results_view(request: HttpRequest) -> HttpResponse:
    """A stable address for the satisfaction results (the organisation's own instrument wins)."""
    try:
        found = questionnaires_for(user=_user(request)).filter(key=SATISFACTION_KEY)
    except PermissionDenied as exc:
        raise Http404(_("Not found.")) from exc
    chosen = sorted(found, key=lambda q: q.organisation_id is None)
    if not chosen:
        raise Http404(_("No satisfaction questionnaire."))
    return redirect("questionnaires:aggregate", questionnaire_id=chosen[0].pk)
