"""Case type configuration for organisation admins: criteria, checklist items, information text."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.cases.checklist import DEFAULT_CHECKLIST
from reintegra.cases.forms import CaseTypeForm
from reintegra.cases.models import CaseType
from reintegra.cases.permissions import can_configure_case_types
from reintegra.cases.selectors import case_types_for
from reintegra.cases.services.case_types import case_type_create, case_type_update
from reintegra.core.htmx import run_form_service


def _admin_only(request: HttpRequest) -> None:
    if not can_configure_case_types(request.user):  # 404: the page does not exist for others
        raise Http404(_("Not found."))


@login_required
def case_type_list_view(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    types = case_types_for(user=request.user)  # type: ignore[arg-type]
    return render(request, "cases/case_type_list.html", {"case_types": types})


@login_required
@require_http_methods(["GET", "POST"])
def case_type_new_view(request: HttpRequest) -> HttpResponse:
    _admin_only(request)

    class NewForm(forms.Form):
        key = forms.SlugField(label=_("Key"), max_length=40, help_text=_("Lower-case letters, digits and dashes."))
        name = forms.CharField(label=_("Name"), max_length=120)
        reference_prefix = forms.RegexField(label=_("Reference prefix"), regex=r"^[A-Z][A-Z0-9]{0,11}$")

    form = NewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        call = run_form_service(form, lambda: case_type_create(actor=actor, **form.cleaned_data))
        if call.result is not None:
            return redirect("cases:case_type_edit", case_type_id=call.result.pk)
    return render(
        request,
        "cases/case_type_form.html",
        {"form": form, "title": _("New case type")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_type_edit_view(request: HttpRequest, case_type_id: Any) -> HttpResponse:
    _admin_only(request)
    case_type = CaseType.objects.filter(organisation_id=request.user.organisation_id, pk=case_type_id).first()  # type: ignore[union-attr, misc]
    if case_type is None:
        raise Http404(_("No such case type."))
    initial: dict[str, Any] = {
        "name": case_type.name,
        "reference_prefix": case_type.reference_prefix,
        "trigger_days": case_type.trigger_days,
        "criteria": "\n".join(case_type.criteria),
        "information_text": case_type.information_text,
        "requires_closure_approval": case_type.requires_closure_approval,
        "retention_after_closure_days": case_type.retention_after_closure_days,
        "retention_not_admitted_days": case_type.retention_not_admitted_days,
        "version": case_type.version,
    }
    for phase in DEFAULT_CHECKLIST:
        initial[f"checklist_{phase}"] = (case_type.checklist or {}).get(phase, DEFAULT_CHECKLIST[phase])
    form = CaseTypeForm(request.POST or None, initial=initial, checklist_keys=DEFAULT_CHECKLIST)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["criteria"] = [line.strip() for line in data["criteria"].splitlines() if line.strip()]
        data["checklist"] = {phase: data.pop(f"checklist_{phase}") for phase in DEFAULT_CHECKLIST}
        for field in ("retention_after_closure_days", "retention_not_admitted_days"):
            if data.get(field) is None:  # left empty: the period stays as it is
                data.pop(field, None)
        actor: Any = request.user
        changes: Any = data
        if run_form_service(
            form, lambda: case_type_update(actor=actor, case_type=case_type, version=version, data=changes)
        ):
            messages.success(request, _("The case type was saved."))
            return redirect("cases:case_types")
    return render(
        request,
        "cases/case_type_form.html",
        {"form": form, "title": case_type.label, "case_type": case_type},
        status=400 if form.errors else 200,
    )
