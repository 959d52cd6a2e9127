"""The reviews page: record a review, the list of reviews, the GAS chart and planned against actual cost."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.core.htmx import inline_done, run_form_service
from reintegra.plans.forms.reviews import ReviewForm
from reintegra.plans.gas_chart import review_chart_svg
from reintegra.plans.permissions import can_change_plan
from reintegra.plans.selectors.plan import currency_of, goals_of, plan_read_log
from reintegra.plans.selectors.reviews import active_goals, cost_rows, gas_summary, reviews_of
from reintegra.plans.services.reviews import review_create
from reintegra.plans.views.common import visible_case


def _chart(case: Any, reviews: list) -> str:
    return review_chart_svg(reviews=reviews, goals=list(goals_of(case)), xml_declaration=False)


@login_required
@require_http_methods(["GET", "POST"])
def reviews_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    numbers = {goal.pk: index for index, goal in enumerate(goals_of(case), start=1)}
    goals = active_goals(case)
    form = ReviewForm(request.POST or None, goals=goals, numbers=numbers, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        actor: Any = request.user
        day, ratings, note = form.cleaned_data["date"], form.ratings(), form.cleaned_data["note"]
        if run_form_service(form, lambda: review_create(actor=actor, case=case, date=day, ratings=ratings, note=note)):
            messages.success(request, _("The review was recorded."))
            return inline_done(request, reverse("plans:reviews", args=[case.pk]))
    plan_read_log(user=request.user, case=case, object_type="review", request=request)
    reviews = list(reviews_of(case).order_by("created_at", "id"))
    rows, total = cost_rows(case)
    context = {
        "case": case,
        "form": form,
        "goal_rows": form.goal_rows(),
        "may_edit": can_change_plan(request.user, case),
        "reviews": [
            {"review": r, "ratings": [(numbers.get(x.goal_id), x) for x in r.ratings.all()]} for r in reversed(reviews)
        ],
        "gas": gas_summary(case),
        "chart_svg": _chart(case, reviews),
        "cost_rows": rows,
        "cost_total": total,
        "currency": currency_of(case),
    }
    status = 400 if form.errors else 200
    return render(request, "plans/reviews.html", context, status=status)


@login_required
@require_GET
def reviews_chart_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = visible_case(request, case_id)
    plan_read_log(user=request.user, case=case, object_type="review", request=request)
    reviews = list(reviews_of(case).order_by("created_at", "id"))
    svg = review_chart_svg(reviews=reviews, goals=list(goals_of(case)))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
