"""Referral pages of a case: list with history, propose, step forward, cancel with confirmation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.cases.selectors import case_get
from reintegra.core.htmx import run_form_service
from reintegra.network.forms.referrals import ReferralProposeForm, ReferralTransitionForm
from reintegra.network.models import ReferralStatus
from reintegra.network.permissions import actor_of, can_change_referrals
from reintegra.network.selectors.providers import provider_options
from reintegra.network.selectors.referrals import (
    measure_options,
    referral_get,
    referral_letter_response,
    referrals_of,
)
from reintegra.network.services.referrals import referral_create, referral_transition

# Button labels of the steps (what the person does, not the state it leads to).
STEP_LABELS: dict[str, Any] = {
    ReferralStatus.SENT: gettext_lazy("Mark as sent"),
    ReferralStatus.ACCEPTED: gettext_lazy("Accepted by the provider"),
    ReferralStatus.DECLINED: gettext_lazy("Declined by the provider"),
    ReferralStatus.STARTED: gettext_lazy("Mark as started"),
    ReferralStatus.COMPLETED: gettext_lazy("Mark as completed"),
}


def _page(request: HttpRequest, case: Any, *, form: Any, step_form: Any = None, step_for: Any = None) -> HttpResponse:
    referrals = list(referrals_of(case))
    for referral in referrals:
        referral.steps = [(to, STEP_LABELS[to]) for to in referral.next_statuses if to != ReferralStatus.CANCELLED]  # type: ignore[attr-defined]
        referral.can_cancel = ReferralStatus.CANCELLED in referral.next_statuses  # type: ignore[attr-defined]
    errors = (form is not None and form.errors) or (step_form is not None and step_form.errors)
    context = {
        "case": case,
        # The page offers changes only to those the services let change them, and only on an open case.
        "may_edit": can_change_referrals(request.user) and not case.is_closed,
        "form": step_form if step_form is not None and step_form.errors else form,
        "propose_form": form,
        "step_for": step_for,
        "referrals": referrals,
    }
    return render(request, "network/case_referrals.html", context, status=400 if errors else 200)


def _propose_form(request: HttpRequest, case: Any, data: Any = None) -> ReferralProposeForm:
    providers = list(provider_options(user=request.user))
    return ReferralProposeForm(data, providers=providers, measures=measure_options(case))


def _back(case: Any) -> HttpResponse:
    return redirect(reverse("network:case_referrals", args=[case.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def case_referrals(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    form = _propose_form(request, case, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_form_service(
            form,
            lambda: referral_create(
                actor=actor_of(request),
                case=case,
                provider_id=data["provider"],
                measure_id=data["measure"] or None,
                note=data["note"],
            ),
        )
        if (referral := call.result) is not None:
            messages.success(request, _("Referral proposed to %(name)s.") % {"name": referral.provider.name})
            return _back(case)
    return _page(request, case, form=form)


@login_required
@require_http_methods(["POST"])
def referral_step(request: HttpRequest, case_id: Any, referral_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    referral = referral_get(case=case, referral_id=referral_id)
    step_form = ReferralTransitionForm(request.POST)
    if step_form.is_valid():
        if run_form_service(
            step_form,
            lambda: referral_transition(
                actor=actor_of(request),
                case=case,
                referral=referral,
                to=step_form.cleaned_data["to"],
                note=step_form.cleaned_data["note"],
            ),
            # The buttons carry `to`: show the reason as a form-wide error of this referral.
            form_wide=True,
        ):
            messages.success(request, _("Referral updated."))
            return _back(case)
    return _page(request, case, form=_propose_form(request, case), step_form=step_form, step_for=referral)


@login_required
@require_http_methods(["GET", "POST"])
def referral_cancel(request: HttpRequest, case_id: Any, referral_id: Any) -> HttpResponse:
    """Cancelling is final: ask first."""
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    referral = referral_get(case=case, referral_id=referral_id)
    form = ReferralTransitionForm(request.POST or None, initial={"to": ReferralStatus.CANCELLED})
    form.fields["to"].widget = form.fields["to"].hidden_widget()
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if run_form_service(
            form,
            lambda: referral_transition(
                actor=actor_of(request), case=case, referral=referral, to=ReferralStatus.CANCELLED, note=note
            ),
        ):
            messages.success(request, _("Referral cancelled."))
            return _back(case)
    return render(
        request,
        "network/referral_cancel.html",
        {"case": case, "referral": referral, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def referral_letter(request: HttpRequest, case_id: Any, referral_id: Any) -> HttpResponse:
    """The referral letter written when the referral was sent (PDF); every download is logged as an
    export to the provider. 404 before the referral was sent."""
    case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
    referral = referral_get(case=case, referral_id=referral_id)
    return referral_letter_response(request, case, referral)
