"""Pages that belong to no domain app: the start page and health check."""

from django.contrib.auth.decorators import login_required
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Start: my cases with their phases, recent activity on them."""
    from reintegra.cases.models import PhaseKey, PhaseStatus
    from reintegra.cases.selectors import my_open_cases, recent_activity

    my_cases = my_open_cases(user=request.user)  # type: ignore[arg-type]
    # The phase tags' labels, translated once per page instead of once per tag.
    keys, statuses = dict(PhaseKey.choices), dict(PhaseStatus.choices)
    for case in my_cases:
        case.phase_tags = [  # type: ignore[attr-defined]
            {
                "status": phase.status,
                "title": f"{keys.get(phase.key, phase.key)}: {statuses.get(phase.status, phase.status)}",
            }
            for phase in sorted(case.phases.all(), key=lambda phase: phase.order)
        ]
    from reintegra.inquiries.selectors import inquiries_unanswered_count
    from reintegra.monitoring.permissions import can_monitor

    context = {
        "my_cases": my_cases,
        "activity": recent_activity(user=request.user),  # type: ignore[arg-type]
        "can_monitor": can_monitor(request.user),
        # None for people who do not handle anonymous inquiries (the box is not shown).
        "inquiries_waiting": inquiries_unanswered_count(user=request.user),
    }
    return render(request, "core/home.html", context)


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for load balancers; no personal data."""
    status = {}
    for alias in ("default", "audit"):
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
            status[alias] = "ok"
        except Exception:  # any database error means "not ready"
            status[alias] = "unavailable"
    ok = all(value == "ok" for value in status.values())
    return JsonResponse({"status": "ok" if ok else "degraded", "databases": status}, status=200 if ok else 503)
