"""The data-protection page: what the next retention run erases (and "run now"), the held
cases (set and release a hold), early erasure on request, and the deletion log.

The data-protection role only; others get 404 (as for the access-log page), and the attempt is
logged. The page shows references and dates, never case content.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_denied, access_log_write
from reintegra.core.htmx import run_form_service, run_service_or_message
from reintegra.retention.forms import EraseForm, LegalHoldForm
from reintegra.retention.models import ErasureKind
from reintegra.retention.permissions import can_manage_retention
from reintegra.retention.selectors import (
    erasures,
    legal_holds,
    retention_case_by_reference,
    retention_case_get,
    retention_due,
)
from reintegra.retention.services import case_erase, legal_hold_release, legal_hold_set, retention_run

LOG_ROWS = 100


def _data_protection_only(request: HttpRequest) -> None:
    if not can_manage_retention(request.user):
        access_log_denied(user=request.user, request=request)
        raise Http404("Not found.")


def _page(
    request: HttpRequest, *, hold_form: forms.Form | None = None, erase_form: forms.Form | None = None
) -> HttpResponse:
    organisation_id = request.user.organisation_id  # type: ignore[union-attr]
    context: dict[str, Any] = {
        "due": retention_due(organisation_id=organisation_id),
        "holds": list(legal_holds(organisation_id=organisation_id)),
        "erasures": list(erasures(organisation_id=organisation_id)[:LOG_ROWS]),
        "hold_form": hold_form or LegalHoldForm(prefix="hold"),
        "erase_form": erase_form or EraseForm(prefix="erase"),
    }
    access_log_write(user=request.user, action=AccessAction.READ, object_type="retention_due", request=request)
    failed = (hold_form is not None and hold_form.errors) or (erase_form is not None and erase_form.errors)
    return render(request, "retention/index.html", context, status=400 if failed else 200)


@login_required
@require_GET
def retention_view(request: HttpRequest) -> HttpResponse:
    _data_protection_only(request)
    return _page(request)


@login_required
@require_POST
def retention_run_view(request: HttpRequest) -> HttpResponse:
    _data_protection_only(request)
    erased = retention_run(actor=request.user, request=request)  # type: ignore[arg-type]
    messages.success(request, _("%(count)d case(s) erased.") % {"count": len(erased)})
    return redirect("retention:index")


def _case_from(form: forms.Form, request: HttpRequest) -> Any:
    case = retention_case_by_reference(user=request.user, reference=form.cleaned_data["reference"])
    if case is None:
        form.add_error("reference", _("There is no case with this reference in your organisation."))
    return case


@login_required
@require_POST
def legal_hold_set_view(request: HttpRequest) -> HttpResponse:
    _data_protection_only(request)
    form = LegalHoldForm(request.POST, prefix="hold")
    if form.is_valid() and (case := _case_from(form, request)) is not None:
        actor: Any = request.user
        reason = form.cleaned_data["reason"]
        if run_form_service(form, lambda: legal_hold_set(actor=actor, case=case, reason=reason, request=request)):
            messages.success(request, _("%(reference)s is on legal hold.") % {"reference": case.reference})
            return redirect("retention:index")
    return _page(request, hold_form=form)


@login_required
@require_POST
def legal_hold_release_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    _data_protection_only(request)
    case = retention_case_get(user=request.user, case_id=case_id)
    actor: Any = request.user
    if run_service_or_message(request, lambda: legal_hold_release(actor=actor, case=case, request=request)):
        messages.success(request, _("The hold on %(reference)s was released.") % {"reference": case.reference})
    return redirect("retention:index")


@login_required
@require_POST
def case_erase_view(request: HttpRequest) -> HttpResponse:
    _data_protection_only(request)
    form = EraseForm(request.POST, prefix="erase")
    if form.is_valid() and (case := _case_from(form, request)) is not None:
        actor: Any = request.user
        reason, case_id = form.cleaned_data["reason"], case.pk
        if run_form_service(
            form,
            lambda: case_erase(actor=actor, case_id=case_id, kind=ErasureKind.REQUEST, reason=reason, request=request),
        ):
            messages.success(request, _("%(reference)s was erased.") % {"reference": case.reference})
            return redirect("retention:index")
    return _page(request, erase_form=form)
