"""Reads of case data. Everything starts from `Case.objects.visible_to(user)` and is logged."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Aggregate, CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.checklist import REGISTRY, checklist_states_ensure, missing_items
from reintegra.cases.models import PHASE_ORDER, Case, CasePhase, CaseType, IncapacityPeriod, PhaseStatus, fold_name


def _with_checklist(queryset: QuerySet[Case], *, for_list: bool = False) -> QuerySet[Case]:
    """What the phase checklists read, fetched up front (no per-case queries): the phases, the
    relations of the items computed live (consents) and the joined rows. The items over large
    relations (goals, reviews, assessments, ...) come from the stored state
    (`Case.checklist_state`, see checklist.py); `checklist_states_ensure` fills it where missing.
    `for_list`: the live items with an SQL form are computed in the query instead of loading
    their relation (all consents of every case) — a list shows no consents."""
    queryset = queryset.select_related(
        "case_type", "client", "case_manager", "deputy", "unit", *sorted(REGISTRY.select)
    ).prefetch_related(Prefetch("phases", queryset=CasePhase.objects.all()), *REGISTRY.live_prefetch(for_list=for_list))
    if for_list:
        queryset = queryset.annotate(**REGISTRY.annotations_on(timezone.localdate()))
    return queryset


def search_condition(term: str) -> Q:
    """Cases whose reference contains `term`, or whose client's first or last name contains each
    word of `term` — compared folded ("muller", "Müller", "ÜLL" alike) on the `search_*_name`
    columns. Substring matching as API.md promises; it reads the names without an index."""
    words = fold_name(term).split()
    if not words:
        return Q(reference__icontains=term)
    names = Q()
    for word in words:
        names &= Q(client__search_last_name__contains=word) | Q(client__search_first_name__contains=word)
    return Q(reference__icontains=term) | names


# What a row of the case list shows (cases/partials/case_rows.html) and pages by (created_at).
LIST_COLUMNS = (
    "reference",
    "status",
    "opened_on",
    "created_at",
    "client__first_name",
    "client__last_name",
    "case_type__key",
    "case_manager__first_name",
    "case_manager__last_name",
    "case_manager__username",
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
    if q and q.strip():
        queryset = queryset.filter(search_condition(q.strip()))
    queryset = queryset.order_by("-created_at", "-id")
    if with_checklist:
        return _with_checklist(queryset, for_list=True)
    # The list shows no case content: only the columns of its table (fewer values to convert).
    return queryset.select_related("case_type", "client", "case_manager").only(*LIST_COLUMNS)


def case_get(
    *, user: User, case_id: Any, request: HttpRequest | None = None, log: bool = True, page: bool = False
) -> Case:
    """One visible case, or 404 for missing and not visible alike. The read is logged.

    `page`: for the case page, also `has_pending_closure` (whether a closure waits for approval).
    (The phases come with the checklist's prefetch: a query of their own costs less than five
    LEFT JOINs, whose SQL alone took Django 2.4 ms to compile.)
    """
    queryset = _with_checklist(Case.objects.visible_to(user)).select_related("deputy")
    if page:
        from reintegra.cases.models import Closure

        queryset = queryset.annotate(
            has_pending_closure=Exists(
                Closure.objects.filter(case=OuterRef("pk"), closed_on__isnull=True, approved_by__isnull=True)
            )
        )
    try:
        case = queryset.get(pk=case_id)
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


class _JoinedIds(Aggregate):
    """The ids of a group as one comma-separated string (GROUP_CONCAT / STRING_AGG)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s::text, ',')", **extra
        )


def case_notes_with_present(case: Case, participants: list[Any], *, limit: int) -> list[Any]:
    """The newest notes with their authors; `note.present_list` holds who was present, taken from
    `participants` (the case's participants, already loaded) by the ids the note query carries."""
    import uuid

    from reintegra.cases.models import CaseNote

    through = CaseNote.present.through
    present_ids = (
        through.objects.filter(casenote_id=OuterRef("pk"))
        .values("casenote_id")
        .annotate(ids=_JoinedIds("participant_id"))
        .values("ids")  # type: ignore[misc]
    )
    notes = list(
        CaseNote.objects.filter(case=case)
        .select_related("author")
        .annotate(present_ids=Subquery(present_ids, output_field=CharField()))[:limit]
    )
    for note in notes:
        ids = {uuid.UUID(value) for value in (note.present_ids or "").split(",") if value}
        note.present_list = [p for p in participants if p.pk in ids]  # type: ignore[attr-defined]
    return notes


@dataclass
class PhaseView:
    key: str
    status: str
    missing: list[str]
    override_reason: str | None
    label: str
    completed_on: date | None


@lru_cache(maxsize=8)
def _phase_labels(language: str | None) -> dict[str, str]:
    """The phase names in one language (a list page shows them for every case)."""
    from reintegra.cases.models import PhaseKey

    return {key: str(PhaseKey(key).label) for key in PHASE_ORDER}


def case_phases(case: Case) -> list[PhaseView]:
    """The five phases in cycle order, each with its missing items."""
    checklist_states_ensure([case])
    by_key = {phase.key: phase for phase in case.phases.all()}
    labels = _phase_labels(get_language())
    views = []
    for key in PHASE_ORDER:
        phase = by_key.get(key)
        views.append(
            PhaseView(
                key=key,
                status=phase.status if phase else PhaseStatus.NOT_STARTED,
                missing=missing_items(case, key, stored=True),
                override_reason=(phase.override_reason or None) if phase else None,
                label=labels[key],
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
    mine = [Q(case_manager=user), Q(deputy=user)]
    return list(
        Case.objects.visible_to(user)
        .filter(mine[0] | mine[1], status="open")
        .branches(mine)
        .select_related("client")
        # Only what the start page shows: no encrypted summary, no stored state, no JSON to parse.
        .only("id", "reference", "created_at", "client__id", "client__first_name", "client__last_name")
        .prefetch_related(Prefetch("phases", queryset=CasePhase.objects.only("id", "case_id", "key", "status")))
        .order_by("-created_at", "-id")[:limit]
    )


def recent_activity(*, user: User, limit: int = 10) -> list[Any]:
    """The latest timeline entries on cases the person manages or deputises.

    The newest `limit` entries lie on at most `limit` cases, each among the `limit` most
    recently active ones (`Case.last_activity_at`, kept by every new entry): so only those
    cases' entries are read, per branch on its own index, instead of sorting every entry of
    every case the person has."""
    from reintegra.cases.models import CaseEvent
    from reintegra.cases.querysets import union_all

    recent = [
        Case.objects.filter(branch, last_activity_at__isnull=False).order_by("-last_activity_at").values("pk")[:limit]
        for branch in (Q(case_manager=user), Q(deputy=user))
    ]
    return list(
        CaseEvent.objects.filter(case_id__in=union_all(recent))
        .select_related("case", "actor")
        .defer("case__summary", "case__checklist_state")
        .order_by("-at", "-id")[:limit]
    )
