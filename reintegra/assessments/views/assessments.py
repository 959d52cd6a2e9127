"""Assessment pages: the list of a case's assessments, a new assessment with several rows, and one
assessment with the two perspectives side by side."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.assessments.checklist import assessment_both_perspectives, resources_and_problems
from reintegra.assessments.forms import AssessmentForm, ItemFormSet, filled_forms
from reintegra.assessments.models import DOMAIN_ORDER, ItemKind
from reintegra.assessments.permissions import can_assess
from reintegra.assessments.selectors import assessment_get, assessment_list, participants_of
from reintegra.assessments.services import ItemInput, assessment_record
from reintegra.assessments.views.common import (
    conflict_message,
    focus_last_row,
    summary_for,
    with_extra_row,
    without_errors,
)
from reintegra.cases.selectors import case_get
from reintegra.core.htmx import run_form_service

ITEMS_PREFIX = "items"


@login_required
@require_GET
def assessment_list_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    user: Any = request.user
    case = case_get(user=user, case_id=case_id, request=request)
    rows = []
    for assessment in assessment_list(user=user, case=case, request=request):
        items = list(assessment.items.all())
        row: dict[str, Any] = {kind: sum(1 for item in items if item.kind == kind) for kind in ItemKind.values}
        row.update(assessment=assessment, differing=sum(1 for item in items if item.perspectives_differ))
        rows.append(row)
    context = {
        "case": case,
        "may_edit": can_assess(request.user, case),
        "rows": rows,
        "both_perspectives": assessment_both_perspectives(case),
        "resources_and_problems": resources_and_problems(case),
    }
    return render(request, "assessments/assessment_list.html", context)


def _row_values(row: Any) -> ItemInput:
    data = row.cleaned_data
    return {
        "domain": data["domain"],
        "kind": data["kind"],
        "text": data["text"],
        "professional_rating": data.get("professional_rating"),
        "client_rating": data.get("client_rating"),
        "icf_code": data.get("icf_code") or "",
        "source_name": data.get("source_name") or "",
        "source_participant": data.get("source_participant") or None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """A date and several rows. 'Add a row' posts the form back with one more row (htmx swaps only the rows)."""
    user: Any = request.user
    case = case_get(user=user, case_id=case_id, request=request)
    participants = [(str(p.pk), f"{p.name} ({p.get_role_display()})") for p in participants_of(case)]
    kwargs = {"form_kwargs": {"participants": participants}, "prefix": ITEMS_PREFIX}
    status = 200
    adding_row = request.method == "POST" and "add_row" in request.POST
    if request.method == "POST" and not adding_row:
        form = AssessmentForm(request.POST)
        formset = ItemFormSet(request.POST, **kwargs)  # type: ignore[arg-type]
        if form.is_valid() and formset.is_valid():
            rows = filled_forms(formset)
            day, items = form.cleaned_data["date"], [_row_values(row) for row in rows]
            call = run_form_service(
                form,
                lambda: assessment_record(actor=user, case=case, date=day, items=items),
                rows=("items", rows),
                conflicts=True,
            )
            if (assessment := call.result) is not None:
                messages.success(request, _("The assessment was saved."))
                return redirect("assessments:detail", case_id=case.pk, assessment_id=assessment.pk)
            if call.conflict is not None:
                form.add_error(None, conflict_message(case, call.conflict))
            status = call.status
        else:
            status = 400
    elif adding_row:
        form = AssessmentForm(request.POST)
        formset = ItemFormSet(with_extra_row(request.POST, ITEMS_PREFIX), **kwargs)  # type: ignore[arg-type]
    else:
        form = AssessmentForm(initial={"date": timezone.localdate()})
        formset = ItemFormSet(**kwargs)  # type: ignore[arg-type]
    if adding_row:
        without_errors(form, formset)
        focus_last_row(formset, "domain")
    context = {
        "case": case,
        "may_edit": can_assess(request.user, case),
        "form": form,
        "formset": formset,
        "errors": summary_for(form, formset, _("Row")) if status != 200 else [],
    }
    if adding_row and getattr(request, "htmx", False):
        return render(request, "assessments/partials/item_rows.html", context)
    return render(request, "assessments/assessment_form.html", context, status=status)


@login_required
@require_GET
def assessment_detail_view(request: HttpRequest, case_id: Any, assessment_id: Any) -> HttpResponse:
    user: Any = request.user
    case = case_get(user=user, case_id=case_id, request=request)
    assessment = assessment_get(user=user, case=case, assessment_id=assessment_id, request=request)
    items = sorted(assessment.items.all(), key=lambda item: (DOMAIN_ORDER.index(item.domain), item.position))
    context = {
        "case": case,
        "may_edit": can_assess(request.user, case),
        "assessment": assessment,
        "items": items,
        "differing": sum(1 for item in items if item.perspectives_differ),
        "list_url": reverse("assessments:list", args=[case.pk]),
    }
    return render(request, "assessments/assessment_detail.html", context)
