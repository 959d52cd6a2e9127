"""Reads of case data. Everything starts from `Case.objects.visible_to(user)` and is logged."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.checklist import REGISTRY, missing_items
from reintegra.cases.models import PHASE_ORDER, Case, CasePhase, CaseType, IncapacityPeriod, PhaseStatus


def _with_checklist(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Everything the phase checklists read, fetched up front (no per-case queries)."""
    return queryset.select_related(
        "case_type", "client", "case_manager", "deputy", "unit", *sorted(REGISTRY.select)
    ).prefetch_related(
        Prefetch("phases", queryset=CasePhase.objects.all()),
        *sorted(REGISTRY.prefetch),
    )


def case_list(
    *,
    user: User,
    status: str | None = None,
    phase: str | None = None,
    case_manager: Any = None,
    q: str | None = None,
    with_checklist: bool = True,
) -> QuerySet[Case]:
    """Visible cases, newest first, filtered. Not logged per case: a list shows no case content."""
    queryset = Case.objects.visible_to(user)
    if status:
        queryset = queryset.filter(status=status)
    if phase:
        queryset = queryset.filter(phases__key=phase, phases__status=PhaseStatus.IN_PROGRESS)
    if case_manager:
        queryset = queryset.filter(case_manager_id=case_manager)
    if q:
        term = q.strip()
        queryset = queryset.filter(
            Q(reference__icontains=term) | Q(client__first_name__icontains=term) | Q(client__last_name__icontains=term)
        )
    queryset = queryset.order_by("-created_at", "-id")
    if with_checklist:
        return _with_checklist(queryset)
    return queryset.select_related("case_type", "client", "case_manager")


def case_get(*, user: User, case_id: Any, request: HttpRequest | None = None, log: bool = True) -> Case:
    """One visible case, or 404 for missing and not visible alike. The read is logged."""
    try:
        case = _with_checklist(Case.objects.visible_to(user)).select_related("deputy").get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        if user.is_authenticated:
            access_log_write(
                user=user,
                action=AccessAction.DENIED,
                object_type="case",
                case_id=str(case_id)[:64],
                request=request,
            )
        raise Http404("No such case.") from exc
    if log:
        access_log_write(
            user=user,
            action=AccessAction.READ,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
            request=request,
        )
    return case


@dataclass
class PhaseView:
    key: str
    status: str
    missing: list[str]
    override_reason: str | None
    label: str
    completed_on: date | None


def case_phases(case: Case) -> list[PhaseView]:
    """The five phases in cycle order, each with its (recomputed) missing items."""
    from reintegra.cases.models import PhaseKey

    by_key = {phase.key: phase for phase in case.phases.all()}
    views = []
    for key in PHASE_ORDER:
        phase = by_key.get(key)
        views.append(
            PhaseView(
                key=key,
                status=phase.status if phase else PhaseStatus.NOT_STARTED,
                missing=missing_items(case, key),
                override_reason=(phase.override_reason or None) if phase else None,
                label=str(PhaseKey(key).label),
                completed_on=phase.completed_on if phase else None,
            )
        )
    return views


def incapacity_days_last_12_months(case: Case, *, today: date, periods: list[Any] | None = None) -> int:
    """Calendar days with any incapacity within the last twelve months (the BEM / IV trigger)."""
    window_start = today - timedelta(days=365)
    days: set[date] = set()
    if periods is None:
        periods = list(IncapacityPeriod.objects.filter(case=case).only("start", "end"))
    for period in periods:
        start = max(period.start, window_start)
        end = min(period.end or today, today)
        day = start
        while day <= end:
            days.add(day)
            day += timedelta(days=1)
    return len(days)


def case_types_for(*, user: User) -> QuerySet[CaseType]:
    from reintegra.cases.services.case import case_types_ensure_shipped

    if user.organisation is None:
        return CaseType.objects.none()
    case_types_ensure_shipped(organisation=user.organisation)
    return CaseType.objects.filter(organisation=user.organisation, active=True).order_by("name")


def case_type_resolve(*, user: User, value: Any) -> CaseType | None:
    """A case type of the user's organisation by key or id."""
    types = case_types_for(user=user)
    if not value:
        return None
    found = types.filter(key=str(value)).first()
    if found is None:
        try:
            found = types.filter(pk=value).first()
        except (ValidationError, ValueError):  # not a UUID
            found = None
    return found


def my_open_cases(*, user: User, limit: int = 20) -> list[Case]:
    """The open cases the person manages or deputises, newest first (for the start page)."""
    return list(
        Case.objects.visible_to(user)
        .filter(Q(case_manager=user) | Q(deputy=user), status="open")
        .select_related("client", "case_type")
        .prefetch_related(Prefetch("phases", queryset=CasePhase.objects.all()))
        .order_by("-created_at", "-id")[:limit]
    )


def recent_activity(*, user: User, limit: int = 10) -> list[Any]:
    """The latest timeline entries on cases the person manages or deputises."""
    from reintegra.cases.models import CaseEvent

    return list(
        CaseEvent.objects.filter(Q(case__case_manager=user) | Q(case__deputy=user))
        .select_related("case", "actor")
        .order_by("-at", "-id")[:limit]
    )
