"""Monitoring pages: what is due across my cases, for one case, and a count summary for the start page."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.cases.selectors import case_get
from reintegra.core.links import token_hash
from reintegra.core.permissions import page_requires
from reintegra.monitoring.calendar import calendar_ics
from reintegra.monitoring.forms import MonitoringFilterForm
from reintegra.monitoring.models import CalendarFeed
from reintegra.monitoring.permissions import can_monitor_cases, can_use_calendar
from reintegra.monitoring.selectors import (
    MAX_ITEMS,
    case_items,
    default_scope,
    monitoring_read_log,
    user_counts,
    user_items,
    window_of,
)
from reintegra.monitoring.services import (
    calendar_feed_renew,
    calendar_feed_token,
    calendar_feed_url,
    monitoring_window_set,
)

# Signed in (else the sign-in page) and a case manager or team lead (else 403).
case_workers_only = page_requires(can_monitor_cases)


@require_GET
@case_workers_only
def monitoring_index_view(request: HttpRequest) -> HttpResponse:
    """Everything due on my cases (or all cases I may see), grouped Overdue / This week / Later."""
    scope = default_scope(request.user)  # type: ignore[arg-type]
    data = request.GET.copy()
    data.setdefault("scope", scope)
    remembered = window_of(request.user)  # type: ignore[arg-type]
    if "window" not in data:
        data["window"] = str(remembered)
    form = MonitoringFilterForm(data)
    form.is_valid()  # an invalid filter is shown with its error and ignored
    filters = {name: value for name, value in form.cleaned_data.items() if value}
    window = filters.get("window") or remembered
    if window != remembered:  # a new choice is remembered for the next visit
        monitoring_window_set(user=request.user, days=window)  # type: ignore[arg-type]
    found = user_items(
        request.user,  # type: ignore[arg-type]
        scope=filters.get("scope", scope),
        kinds=[filters["kind"]] if filters.get("kind") else None,
        ordering=filters.get("ordering", "date"),
        case_manager=filters.get("case_manager"),
        window=window,
    )
    monitoring_read_log(
        user=request.user,
        request=request,
        detail=(
            f"scope={filters.get('scope', scope)} kind={filters.get('kind', 'all')} window={window} "
            f"items={len(found.items)}"
        ),
    )
    context = {"form": form, "found": found, "groups": found.groups(), "max_items": MAX_ITEMS, "show_case": True}
    template = "monitoring/partials/items.html" if getattr(request, "htmx", False) else "monitoring/index.html"
    return render(request, template, context)


@require_GET
@case_workers_only
def monitoring_case_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    """What is due on one case (404 for a case that is missing or not visible)."""
    case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
    found = case_items(case, window=window_of(request.user))  # type: ignore[arg-type]
    monitoring_read_log(user=request.user, request=request, case=case)
    context = {"case": case, "found": found, "groups": found.groups(), "max_items": MAX_ITEMS, "show_case": False}
    return render(request, "monitoring/case.html", context)


@require_GET
@case_workers_only
def monitoring_summary_view(request: HttpRequest) -> HttpResponse:
    """Counts only (overdue, due this week) for the start page to load with htmx; no personal data, not logged."""
    counts = user_counts(request.user, scope=default_scope(request.user))  # type: ignore[arg-type]
    return render(request, "monitoring/partials/summary.html", {"counts": counts})


@login_required
@require_http_methods(["GET", "POST"])
def calendar_view(request: HttpRequest) -> HttpResponse:
    """The person's secret calendar address, and a button to renew it (the old one stops working)."""
    if not can_use_calendar(request.user):
        raise PermissionDenied
    renewed = False
    if request.method == "POST":
        token = calendar_feed_renew(user=request.user)  # type: ignore[arg-type]
        renewed = True
    else:
        token = calendar_feed_token(user=request.user)  # type: ignore[arg-type]
    context = {"feed_url": calendar_feed_url(token, request), "renewed": renewed}
    return render(request, "monitoring/calendar.html", context)


@never_cache
@require_GET
def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself: no sign-in, the secret address is the key (404 for an unknown, renewed or
    deactivated one). Each fetch is logged as a read by the feed's owner."""
    feed = (
        CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token)).first()
        if 0 < len(token) <= 200
        else None
    )
    if feed is None or not feed.user.is_active or not can_use_calendar(feed.user):
        raise Http404("No such calendar.")
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    monitoring_read_log(user=feed.user, request=request, detail="calendar feed")
    response = HttpResponse(calendar_ics(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="reintegra.ics"'
    return response
