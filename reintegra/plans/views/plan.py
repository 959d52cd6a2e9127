"""The plan page, its PDF and timeline, the agreement and the review schedule."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.core.htmx import inline_done, run_form_service
from reintegra.plans.api.views.plan import plan_pdf_response, plan_timeline_response
from reintegra.plans.forms.plan import AgreeForm, ScheduleForm, conflict_rows, plan_error_field
from reintegra.plans.models import LEVEL_LABELS
from reintegra.plans.permissions import can_change_plan
from reintegra.plans.selectors.plan import plan_changes, plan_overview, plan_read_log, plan_versions
from reintegra.plans.services.plan import plan_agree, plan_schedule_save
from reintegra.plans.timeline import plan_timeline_svg
from reintegra.plans.views.common import form_response, plan_url, visible_case


@login_required
@require_GET
def plan_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """Goals with their GAS levels, measures, the timeline, the agreement state and recent changes."""
    case = visible_case(request, case_id)
    overview = plan_overview(case)
    plan_read_log(user=request.user, case=case, object_type="plan", request=request)
    numbers = {goal.pk: index for index, goal in enumerate(overview.goals, start=1)}
    context = {
        "case": case,
        "overview": overview,
        "goal_rows": [
            {
                "goal": goal,
                "number": numbers[goal.pk],
                "changed": overview.is_changed(goal),
                "overdue": goal.status == "active" and goal.due_date < overview.today,
            }
            for goal in overview.goals
        ],
        "measure_rows": [
            {
                "measure": measure,
                "changed": overview.is_changed(measure),
                "goal_numbers": [numbers[g.pk] for g in measure.goals.all() if g.pk in numbers],
                "overdue": measure.status in ("planned", "active") and measure.due_date < overview.today,
            }
            for measure in overview.measures
        ],
        "level_labels": LEVEL_LABELS,
        "timeline_svg": plan_timeline_svg(
            goals=overview.goals, measures=overview.measures, today=overview.today, xml_declaration=False
        ),
        "versions": list(plan_versions(case).order_by("-number")[:5]),
        "changes": list(plan_changes(case).order_by("-created_at", "-id")[:10]),
        "may_edit": can_change_plan(request.user, case),
        "agree_form": AgreeForm(initial={"agreed_on": timezone.localdate(), "agreement_form": "written"}),
    }
    return render(request, "plans/plan.html", context)


@login_required
@require_GET
def plan_pdf_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    return plan_pdf_response(request, case_id)


@login_required
@require_GET
def plan_timeline_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    return plan_timeline_response(request, case_id)


@login_required
@require_http_methods(["GET", "POST"])
def plan_agree_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """Record that the client agreed to the plan as it stands now (a new, frozen version)."""
    case = visible_case(request, case_id)
    form = AgreeForm(request.POST or None, initial={"agreed_on": timezone.localdate(), "agreement_form": "written"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor: Any = request.user
        call = run_form_service(
            form,
            lambda: plan_agree(
                actor=actor, case=case, agreed_on=data["agreed_on"], form=data["agreement_form"], note=data["note"]
            ),
            field_for=plan_error_field,
        )
        if call.result is not None:
            number = call.result.number
            messages.success(request, _("Plan version %(number)s was recorded as agreed.") % {"number": number})
            return inline_done(request, plan_url(case))
    context = {"case": case, "form": form, "overview": plan_overview(case)}
    return form_response(request, "plans/agree_form.html", "plans/partials/agree_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_schedule_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """The review interval and the next review date; a stale version shows both values."""
    case = visible_case(request, case_id)
    plan = plan_overview(case).plan
    stored = {
        "review_interval_weeks": plan.review_interval_weeks,
        "next_review_on": plan.next_review_on,
        "version": plan.version,
    }
    form = ScheduleForm(request.POST or None, initial=stored)
    conflict: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor: Any = request.user
        call = run_form_service(
            form,
            lambda: plan_schedule_save(
                actor=actor,
                case=case,
                version=data["version"],
                review_interval_weeks=data["review_interval_weeks"],
                next_review_on=data["next_review_on"],
            ),
            field_for=plan_error_field,
            conflicts=True,
        )
        if call.stale:  # show the stored values next to the entered ones
            current = plan_overview(case).plan
            fresh = {"review_interval_weeks": current.review_interval_weeks, "next_review_on": current.next_review_on}
            conflict = call.conflict_context(rows=conflict_rows(form, fresh))
            form = ScheduleForm({**request.POST.dict(), "version": str(current.version)}, initial=fresh)
            form.is_valid()
        elif not call:
            conflict = call.conflict_context()  # closed case etc.: a message, not a comparison
        else:
            messages.success(request, _("The review schedule was saved."))
            return inline_done(request, plan_url(case))
    context = {"case": case, "form": form, "conflict": conflict}
    return form_response(
        request, "plans/schedule_form.html", "plans/partials/schedule_form.html", context, conflict=bool(conflict)
    )
