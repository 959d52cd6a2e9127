"""Pages that belong to no domain app: the start page and health check."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language


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
    from reintegra.cases.permissions import can_read_caseload
    from reintegra.inquiries.selectors import inquiries_unanswered_count
    from reintegra.insights.permissions import can_see_insights
    from reintegra.monitoring.permissions import can_monitor_cases

    team: list[dict] | None = None
    if can_read_caseload(request.user):
        from reintegra.monitoring.selectors import caseload, monitoring_read_log

        rows = caseload(request.user)  # type: ignore[arg-type]
        monitoring_read_log(user=request.user, request=request, detail=f"caseload rows={len(rows)}")
        team = [{**row.__dict__, "phase_counts": [(key, row.by_phase[key]) for key in keys]} for row in rows]
    context = {
        "caseload": team,
        "caseload_phases": list(keys.items()),
        "my_cases": my_cases,
        "activity": recent_activity(user=request.user),  # type: ignore[arg-type]
        "can_monitor": can_monitor_cases(request.user),
        "can_see_insights": can_see_insights(request.user),
        # None for people who do not handle anonymous inquiries (the box is not shown).
        "inquiries_waiting": inquiries_unanswered_count(user=request.user),
    }
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring, no sign-in, no personal data (API.md, "Calendar, health").

    `200 {"database": "ok", "audit": "ok", "worker": "ok"|"late", "keys": "ok"}`; `503` when a
    database cannot be reached or the configured keys cannot decrypt the data (every case page
    would fail). A late worker is reported but keeps 200: pages still work, reminders wait.
    """
    from reintegra.core.health import health_report

    report, healthy = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's language switch; for a signed-in person the choice is kept on the account too."""
    from reintegra.accounts.services import user_language_set

    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)  # type: ignore[arg-type]
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: JSON for the API (a path no route matches, e.g. a malformed id), else Django's page."""
    from django.utils.translation import gettext as _
    from django.views.defaults import page_not_found

    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)  # type: ignore[arg-type]


def server_error(request: HttpRequest) -> HttpResponse:
    """500: JSON for the API, else Django's page."""
    from django.views.defaults import server_error as page_server_error

    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return page_server_error(request)
