"""Consent pages: record (inline on the case page), withdraw with confirmation, download a scan."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.cases.selectors import case_get
from reintegra.consents.api.views import consent_scan_response
from reintegra.consents.forms import ConsentRecordForm, WithdrawForm
from reintegra.consents.models import Consent
from reintegra.consents.permissions import can_record_consent, can_withdraw_consent
from reintegra.consents.services import consent_record, consent_scan_attach, consent_withdraw
from reintegra.core.htmx import inline_form, run_form_service
from reintegra.core.permissions import require


@login_required
@require_http_methods(["GET", "POST"])
def consent_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    require(can_record_consent(request.user, case))  # no form for someone the service would refuse
    participants = {str(p.pk): p for p in case.participants.all()}
    form = ConsentRecordForm(
        request.POST or None, request.FILES or None, participants=[(k, str(p)) for k, p in participants.items()]
    )
    actor: Any = request.user

    @transaction.atomic  # one change: a scan that is refused leaves no consent behind without it
    def record() -> None:
        data = form.cleaned_data
        consent = consent_record(
            actor=actor,
            case=case,
            purpose=data["purpose"],
            form=data["consent_form"],
            given_on=data["given_on"],
            participant=participants.get(data["participant"] or ""),
            valid_until=data["valid_until"],
            scope=data["scope"],
        )
        if data["scan"]:
            consent_scan_attach(actor=actor, case=case, consent=consent, scan=data["scan"])

    return inline_form(request, case, form, record, title=_("Record consent"))


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw_view(request: HttpRequest, case_id: Any, consent_id: Any) -> HttpResponse:
    """Withdrawal asks for confirmation and says what follows: access based on it ends at once."""
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    consent = get_object_or_404(Consent, case=case, pk=consent_id)
    require(can_withdraw_consent(request.user, case))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        reason = form.cleaned_data["reason"]
        if run_form_service(form, lambda: consent_withdraw(actor=actor, case=case, consent=consent, reason=reason)):
            messages.success(request, _("The consent was withdrawn. It no longer applies."))
            return redirect(case)
    context = {"case": case, "consent": consent, "form": form}
    return render(request, "consents/withdraw_confirm.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def consent_scan_view(request: HttpRequest, case_id: Any, consent_id: Any) -> HttpResponseBase:
    return consent_scan_response(request, case_id, consent_id)
