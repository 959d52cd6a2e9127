"""Adding and changing goals and measures; a stale version shows the stored next to the entered values."""

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.cases.models import Case
from reintegra.core.htmx import inline_done, run_form_service
from reintegra.plans.forms.plan import GoalForm, MeasureForm, conflict_rows, plan_error_field
from reintegra.plans.selectors.plan import (
    currency_of,
    goal_get,
    goals_of,
    measure_get,
    plan_changes,
    providers_for,
    responsible_choices,
)
from reintegra.plans.services.common import last_agreed_number
from reintegra.plans.services.goals import goal_create, goal_update
from reintegra.plans.services.measures import measure_create, measure_update
from reintegra.plans.views.common import form_response, plan_url, visible_case

# The page of its own, and the fragment htmx swaps into the plan page.
GOAL: tuple[str, str] = ("plans/goal_form.html", "plans/partials/goal_form.html")
MEASURE: tuple[str, str] = ("plans/measure_form.html", "plans/partials/measure_form.html")


def _rebound(form_class: Any, request: HttpRequest, version: int, **kwargs: Any) -> Any:
    """The same entries, now based on the stored version: saving again overwrites on purpose."""
    data = request.POST.copy()
    data["version"] = str(version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _create_item(request: HttpRequest, case: Case, form: Any, create: Callable[..., Any]) -> bool:
    """Add a goal or measure (with the reason for the change once a plan version was agreed)."""
    actor: Any = request.user
    reason, data = form.cleaned_data.get("change_reason", ""), form.create_data()
    call = run_form_service(
        form, lambda: create(actor=actor, case=case, change_reason=reason, **data), field_for=plan_error_field
    )
    return call.ok


def _edit_page(
    request: HttpRequest,
    case: Case,
    form: Any,
    conflict: Any,
    *,
    item: Any,
    title: str,
    view: str,
    templates: tuple[str, str],
) -> HttpResponse:
    """The edit page of a goal or measure, with its change history (and the comparison after a conflict)."""
    context = {
        "case": case,
        "form": form,
        "conflict": conflict,
        "title": title,
        "action": reverse(view, args=[case.pk, item.pk]),
        "history": plan_changes(case, object_id=item.pk),
    }
    page, partial = templates
    return form_response(request, page, partial, context, conflict=bool(conflict))


def _save_item(
    request: HttpRequest, form: Any, update: Callable[..., Any], *, stored: Callable[[], Any], **form_kwargs: Any
) -> tuple[bool, Any, dict[str, Any] | None]:
    """Save an edited goal or measure: (saved, the form to show, the conflict to show).

    A stale version shows the stored values next to the entered ones, and the entries come back
    based on the stored version (saving again overwrites on purpose); any other conflict (a closed
    case …) is a message, not a comparison.
    """
    actor: Any = request.user
    version, changes, reason = form.cleaned_data["version"], form.service_data(), form.cleaned_data.get("change_reason")
    call = run_form_service(
        form,
        lambda: update(actor=actor, version=version, changes=changes, change_reason=reason),
        field_for=plan_error_field,
        conflicts=True,
    )
    if call.stale:
        item = stored()
        conflict = call.conflict_context(rows=conflict_rows(form, type(form).initial_from(item)))
        return False, _rebound(type(form), request, item.version, editing=True, **form_kwargs), conflict
    return call.ok, form, call.conflict_context()


@login_required
@require_http_methods(["GET", "POST"])
def goal_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    form = GoalForm(request.POST or None, agreed=last_agreed_number(case), initial={"weight": 1})
    if request.method == "POST" and form.is_valid():
        if _create_item(request, case, form, goal_create):
            messages.success(request, _("The goal was added."))
            return inline_done(request, plan_url(case))
    context = {"case": case, "form": form, "title": _("Add goal"), "action": reverse("plans:goal_new", args=[case.pk])}
    return form_response(request, *GOAL, context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit_view(request: HttpRequest, case_id: Any, goal_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    goal = goal_get(case, goal_id)
    agreed = last_agreed_number(case)
    form = GoalForm(request.POST or None, initial=GoalForm.initial_from(goal), editing=True, agreed=agreed)
    conflict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        update = partial(goal_update, goal=goal)
        saved, form, conflict = _save_item(request, form, update, stored=lambda: goal_get(case, goal_id), agreed=agreed)
        if saved:
            messages.success(request, _("The goal was saved."))
            return inline_done(request, plan_url(case))
    return _edit_page(
        request, case, form, conflict, item=goal, title=_("Edit goal"), view="plans:goal_edit", templates=GOAL
    )


def _measure_form_kwargs(case: Case) -> dict[str, Any]:
    return {
        "goals": [(str(goal.pk), goal.title) for goal in goals_of(case).only("id", "title")],
        "responsible": responsible_choices(case),
        "providers": [(str(p.pk), f"{p.name} ({p.get_category_display()})") for p in providers_for(case)],
        "currency": currency_of(case),
        "agreed": last_agreed_number(case),
    }


@login_required
@require_http_methods(["GET", "POST"])
def measure_new_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    kwargs = _measure_form_kwargs(case)
    form = MeasureForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        if _create_item(request, case, form, measure_create):
            messages.success(request, _("The measure was added."))
            return inline_done(request, plan_url(case))
    context = {
        "case": case,
        "form": form,
        "title": _("Add measure"),
        "action": reverse("plans:measure_new", args=[case.pk]),
        "no_goals": not kwargs["goals"],
    }
    return form_response(request, *MEASURE, context)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit_view(request: HttpRequest, case_id: Any, measure_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    measure = measure_get(case, measure_id)
    kwargs = _measure_form_kwargs(case)
    if measure.provider_id and str(measure.provider_id) not in {k for k, _label in kwargs["providers"]}:
        # An inactive provider stays selectable for the measure that already names it.
        kwargs["providers"].append((str(measure.provider_id), measure.provider.name))  # type: ignore[union-attr]
    form = MeasureForm(request.POST or None, initial=MeasureForm.initial_from(measure), editing=True, **kwargs)
    conflict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        update = partial(measure_update, measure=measure)
        saved, form, conflict = _save_item(
            request, form, update, stored=lambda: measure_get(case, measure_id), **kwargs
        )
        if saved:
            messages.success(request, _("The measure was saved."))
            return inline_done(request, plan_url(case))
    return _edit_page(
        request,
        case,
        form,
        conflict,
        item=measure,
        title=_("Edit measure"),
        view="plans:measure_edit",
        templates=MEASURE,
    )
