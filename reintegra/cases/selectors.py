"""Reads of case data. Everything starts from `Case.objects.visible_to(user)` and is logged."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import (
    Aggregate,
    BooleanField,
    CharField,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_case_denied, access_log_write
from reintegra.cases.checklist import REGISTRY, checklist_states_fill, missing_items
from reintegra.cases.models import (
    PHASE_ORDER,
    Case,
    CaseEvent,
    CaseNote,
    CasePhase,
    CaseType,
    Client,
    Closure,
    IncapacityPeriod,
    NoteAmendment,
    PhaseKey,
    PhaseStatus,
    fold_name,
)
from reintegra.cases.querysets import visibility_branches


def _read_shape(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """What reading a case with its phase checklists needs, fetched up front (no per-case
    queries): the joined rows, the phases, and the SQL checklist items computed in the query. The
    items over large relations (goals, reviews, assessments, ...) come from the stored state
    (`Case.checklist_state`, kept by the write path; `checklist_states_fill` computes it for a
    read where it is missing)."""
    return (
        queryset.select_related("case_type", "client", "case_manager", "deputy", "unit", *sorted(REGISTRY.select))
        .prefetch_related(Prefetch("phases", queryset=CasePhase.objects.all()))
        .annotate(**REGISTRY.annotations_on(timezone.localdate()))
    )


# Columns the API list's items (`serializers.case_list_item`) do not show and its checklist does
# not read: left out of its query (fewer values to convert, no JSON of the case type's criteria
# and outcomes to parse, no password hashes). Reading one of them on a listed case would cost a
# query per case, which the pinned query count of the API list would show.
API_LIST_DEFERRED = (
    "current_phases",
    "client__organisation",
    "client__user",
    "client__search_first_name",
    "client__search_last_name",
    "client__created_at",
    "client__updated_at",
    "client__version",
    "case_type__organisation",
    "case_type__reference_prefix",
    "case_type__criteria",
    "case_type__outcomes",
    "case_type__information_text",
    "case_type__trigger_days",
    "case_type__requires_closure_approval",
    "case_type__active",
    "case_type__retention_after_closure_days",
    "case_type__retention_not_admitted_days",
    "case_type__created_at",
    "case_type__updated_at",
    "case_type__version",
    *(
        f"{person}__{column}"
        for person in ("case_manager", "deputy")
        for column in (
            "password",
            "last_login",
            "is_superuser",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "organisation",
            "is_demo",
            "language",
        )
    ),
)


def _api_list_shape(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """The API list: what reading a case with its checklists needs (`_read_shape`), without the
    columns its items leave out."""
    return _read_shape(queryset).defer(*API_LIST_DEFERRED)


def _list_shape(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """The HTML list shows no case content: only the columns of its table (fewer values to convert)."""
    return queryset.select_related("case_type", "client", "case_manager").only(*LIST_COLUMNS)


def _in_any(field: str, slices: list[QuerySet[Case, Any]], *, using: str) -> Q:
    """`field` is one of the ids of the per-branch `slices` (sliced single-column querysets).

    SQLite: `field IN (SELECT pk … WHERE pk IN (slice 1) UNION ALL SELECT pk … WHERE pk IN (slice 2) …)`
    (it allows no LIMIT inside a compound, hence the wrapping). Not `field IN (slice 1) OR field IN
    (slice 2)`: SQLite plans that as a MULTI-INDEX OR but evaluates every slice twice (once to find
    the rows, once to re-check the OR), which doubled the search page's SQL (18 → 43 ms at 10k
    cases; see docs/performance.md). PostgreSQL: `field = ANY(ARRAY(
    slice 1 UNION ALL slice 2 …))`, evaluated once, so it restricts the scan itself; as `IN (…)`
    semi-joins PostgreSQL places them after the wide select_related joins (more than
    join_collapse_limit tables: no reordering) and joins every case first."""
    if connections[using].vendor == "postgresql":
        return Q(_EqualsAny(F(field), ArraySubquery(slices[0].union(*slices[1:], all=True))))
    # SQLite allows no LIMIT inside a compound: each slice is wrapped as `pk IN (slice)`.
    wrapped = [Case.objects.filter(pk__in=part).order_by().values("pk") for part in slices]
    return Q(**{f"{field}__in": wrapped[0].union(*wrapped[1:], all=True)})


class _EqualsAny(Func):
    """`lhs = ANY(array)` as a condition (an `exact` lookup would parenthesise the `ANY`)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


@dataclass(frozen=True)
class CaseListing:
    """A filtered, ordered list of visible cases that is read a page at a time (`case_list_page`).

    `branches`: the visibility branches (managed by, deputised by, in these units) that the
    filter ORs; with more than one, a page is read branch by branch. `order_by` and `filter`
    return a new listing (the API's cursor pagination, `cases.api.views.CaseListPagination`,
    uses them); a page is read by `case_list_page`. Not a QuerySet and no slicing."""

    filtered: QuerySet[Case]
    branches: tuple[Q, ...]
    ordering: tuple[str, ...]
    shape: Callable[[QuerySet[Case]], QuerySet[Case]]

    def order_by(self, *ordering: str) -> "CaseListing":
        return replace(self, ordering=ordering)

    def filter(self, *args: Any, **kwargs: Any) -> "CaseListing":
        return replace(self, filtered=self.filtered.filter(*args, **kwargs))


def case_list_page(listing: CaseListing, *, stop: int, start: int = 0) -> list[Case]:
    """Rows `start` to `stop` of a listing. With several visibility branches: each branch's first
    `stop` ids (every filter of the listing applied, on the branch's own index), then those rows
    by primary key, in order (`_in_any`) — so a first page costs the same whether the person has
    100 cases or 100,000. The OR stays in every branch, so the branches only speed the read up
    and never widen it; the outer query repeats no filter."""
    ordered = listing.filtered.order_by(*listing.ordering)
    if len(listing.branches) < 2:
        return list(listing.shape(ordered)[start:stop])
    slices = [ordered.filter(branch).values("pk")[:stop] for branch in listing.branches]
    outer = Case.objects.filter(_in_any("pk", slices, using=ordered.db))
    return list(listing.shape(outer).order_by(*listing.ordering)[start:stop])


def search_condition(term: str, *, vendor: str = "sqlite") -> Q:
    """Cases whose reference contains `term`, or whose client's first or last name contains each
    word of `term` — compared folded ("muller", "Müller", "ÜLL" alike) on the `search_*_name`
    columns. Substring matching as API.md promises.

    On PostgreSQL (`vendor`) the names are matched as `client IN (clients whose names match)`:
    the trigram indexes on the folded names (migration `cases 0014`) find those clients once, and
    each case of the walk costs a hash probe instead of a client join and two `LIKE`s. The OR with
    the reference (a column of the case) keeps the planner from using the indexes when the names
    are a join condition. On SQLite, which has no such index, the join stays: the subquery would
    read every client first (docs/performance.md, "Issue 22", 5 December)."""
    words = fold_name(term).split()
    if not words:
        return Q(reference__icontains=term)
    if vendor == "postgresql":
        return Q(reference__icontains=term) | Q(client__in=Client.objects.filter(_names_contain(words)).values("pk"))
    return Q(reference__icontains=term) | _names_contain(words, prefix="client__")


def _names_contain(words: list[str], *, prefix: str = "") -> Q:
    """Each word in the folded first or last name (of the client, `prefix` the path to it)."""
    names = Q()
    for word in words:
        names &= Q(**{f"{prefix}search_last_name__contains": word}) | Q(
            **{f"{prefix}search_first_name__contains": word}
        )
    return names


# What a row of the case list shows (cases/partials/case_rows.html) and pages by (created_at).
LIST_COLUMNS = (
    "reference",
    "status",
    "opened_on",
    "created_at",
    "client__first_name",
    "client__last_name",
    "case_type__key",
    "case_type__name",
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
) -> CaseListing:
    """Visible cases, newest first, filtered. Not logged per case: a list shows no case content.
    `with_checklist`: each case with its phases and checklists (the API list); else only the
    columns of the HTML list's table."""
    queryset = Case.objects.visible_to(user)
    if status:
        queryset = queryset.filter(status=status)
    if phase:
        # The phases in progress, kept on the case row by the write path (`Case.current_phases`).
        queryset = queryset.filter(current_phases__contains=f"|{phase}|")
    if case_manager:
        queryset = queryset.filter(case_manager_id=case_manager)
    if q and q.strip():
        queryset = queryset.filter(search_condition(q.strip(), vendor=connections[queryset.db].vendor))
    return CaseListing(
        filtered=queryset,
        branches=tuple(visibility_branches(user)),
        ordering=("-created_at", "-id"),
        shape=_api_list_shape if with_checklist else _list_shape,
    )


def _visible_one(queryset: QuerySet[Case], *, user: User, case_id: Any, request: HttpRequest | None, log: bool) -> Case:
    """The case `case_id` of `queryset` (built on the choke point), or 404 for missing and not
    visible alike (logged as `denied`); a found case's read is logged."""
    try:
        case = queryset.get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        if user.is_authenticated:
            access_log_case_denied(user=user, case_id=case_id, request=request)
        raise Http404(_("No such case.")) from exc
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


def case_get(*, user: User, case_id: Any, request: HttpRequest | None = None, log: bool = True) -> Case:
    """One visible case with its phases and checklists, or 404 for missing and not visible alike.
    The read is logged. For a change, `case_for_change` loads less."""
    return _visible_one(
        _read_shape(Case.objects.visible_to(user)), user=user, case_id=case_id, request=request, log=log
    )


def case_page(*, user: User, case_id: Any, request: HttpRequest | None = None) -> Case:
    """The case page's case: `case_get`, plus its consents (listed on the page) and
    `has_pending_closure` (whether a closure waits for approval; loaded only then). The phases
    come with a query of their own: it costs less than five LEFT JOINs, whose SQL alone took
    Django 2.4 ms to compile."""
    pending = Closure.objects.filter(case=OuterRef("pk"), closed_on__isnull=True, approved_by__isnull=True)
    queryset = (
        _read_shape(Case.objects.visible_to(user))
        .prefetch_related("consents")
        .annotate(has_pending_closure=Exists(pending))
    )
    return _visible_one(queryset, user=user, case_id=case_id, request=request, log=True)


def case_for_change(*, user: User, case_id: Any, request: HttpRequest | None = None) -> Case:
    """A visible case to change (POST, PUT, PATCH, DELETE), or 404: only what the services read
    (the case type, the organisation, the client, the intake), no checklist relations. The read
    is logged as any other."""
    queryset = Case.objects.visible_to(user).select_related("case_type", "organisation", "client", "intake")
    return _visible_one(queryset, user=user, case_id=case_id, request=request, log=True)


class _JoinedIds(Aggregate):
    """The ids of a group as one comma-separated string (GROUP_CONCAT / STRING_AGG)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s::text, ',')", **extra
        )


def notes_readable(*, user: Any, case: Case) -> QuerySet[CaseNote]:
    """The case's notes this person may read: restricted notes only for the case manager and the
    deputy (`permissions.can_read_note`, as a filter)."""
    notes = CaseNote.objects.filter(case=case)
    pk = getattr(user, "pk", None)
    if pk is None or pk not in (case.case_manager_id, case.deputy_id):
        notes = notes.filter(restricted=False)
    return notes


def note_readable_get(*, user: Any, case: Case, note_id: Any) -> CaseNote:
    """One note of the case that this person may read, or 404 (a restricted one is not shown)."""
    try:
        return notes_readable(user=user, case=case).select_related("author").get(pk=note_id)
    except (CaseNote.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def case_notes_with_present(case: Case, participants: list[Any], *, limit: int, user: Any = None) -> list[Any]:
    """The newest notes this person may read, with their authors and amendments;
    `note.present_list` holds who was present, taken from `participants` (the case's
    participants, already loaded) by the ids the note query carries."""
    through = CaseNote.present.through
    present_ids = (
        through.objects.filter(casenote_id=OuterRef("pk"))
        .values("casenote_id")
        .annotate(ids=_JoinedIds("participant_id"))
        .values("ids")  # type: ignore[misc]
    )
    notes = list(
        notes_readable(user=user, case=case)
        .select_related("author")
        .annotate(
            present_ids=Subquery(present_ids, output_field=CharField()),
            amended=Exists(NoteAmendment.objects.filter(note=OuterRef("pk"))),
        )[:limit]
    )
    # The earlier wordings are read only for notes that have them (no query otherwise).
    prefetch_related_objects(
        [note for note in notes if note.amended],  # type: ignore[attr-defined]
        Prefetch("amendments", queryset=NoteAmendment.objects.select_related("by")),
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
    return {key: str(PhaseKey(key).label) for key in PHASE_ORDER}


def case_phases(case: Case) -> list[PhaseView]:
    """The five phases in cycle order, each with its missing items. Reads only: a case without a
    stored checklist state gets it computed for this read (`checklist_states_fill`)."""
    checklist_states_fill([case])
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
    """The organisation's active case types. The shipped ones are created with the organisation
    (`case_types_ensure_shipped`), never by this read."""
    if user.organisation_id is None:
        return CaseType.objects.none()
    return CaseType.objects.filter(organisation_id=user.organisation_id, active=True).order_by("name")


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
    """The open cases the person manages or deputises, newest first (for the start page), read
    branch by branch (`case_list_page`)."""
    mine = (Q(case_manager=user), Q(deputy=user))
    listing = CaseListing(
        filtered=Case.objects.visible_to(user).filter(mine[0] | mine[1], status="open"),
        branches=mine,
        ordering=("-created_at", "-id"),
        shape=_start_page_shape,
    )
    return case_list_page(listing, stop=limit)


def _start_page_shape(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Only what the start page shows: no encrypted summary, no stored state, no JSON to parse."""
    return (
        queryset.select_related("client")
        .only("id", "reference", "created_at", "client__id", "client__first_name", "client__last_name")
        .prefetch_related(Prefetch("phases", queryset=CasePhase.objects.only("id", "case_id", "key", "status")))
    )


def recent_activity(*, user: User, limit: int = 10) -> list[CaseEvent]:
    """The latest timeline entries on cases the person manages or deputises.

    The newest `limit` entries lie on at most `limit` cases, each among the `limit` most
    recently active ones (`Case.last_activity_at`, kept by the write path): so only those
    cases' entries are read, per branch on its own index, instead of sorting every entry of
    every case the person has."""
    slices = [
        Case.objects.filter(branch, last_activity_at__isnull=False).order_by("-last_activity_at").values("pk")[:limit]
        for branch in (Q(case_manager=user), Q(deputy=user))
    ]
    return list(
        CaseEvent.objects.filter(_in_any("case_id", slices, using=CaseEvent.objects.db))
        .select_related("case", "actor")
        .defer("case__summary", "case__checklist_state")
        .order_by("-at", "-id")[:limit]
    )


def _reassignable(user: User) -> QuerySet[Case]:
    """The cases a person may look up to hand over: an organisation admin all of the organisation's
    (by id, without their content), anyone else those the choke point shows them."""
    from reintegra.accounts.models import Role
    from reintegra.accounts.selectors import user_has_role

    if user.is_authenticated and user.organisation_id and user_has_role(user, Role.ORG_ADMIN):
        return Case.objects.filter(organisation_id=user.organisation_id)
    return Case.objects.visible_to(user)


def case_for_reassign(*, user: User, case_id: Any, request: HttpRequest | None = None, log: bool = False) -> Case:
    """One case to hand over, or 404 (missing and not visible alike, logged as `denied`); `log`:
    the page showing it logs the read (the handover itself is logged as a change)."""
    queryset = _reassignable(user).select_related("organisation", "case_manager")
    return _visible_one(queryset, user=user, case_id=case_id, request=request, log=log)


def cases_for_reassign(*, user: User, case_ids: list[Any]) -> list[Case] | None:
    """The cases `case_ids` to hand over, in the order given; None when any is missing or not
    visible (the caller answers one error for the list, naming no case)."""
    try:
        wanted = list(dict.fromkeys(uuid.UUID(str(pk)) for pk in case_ids))
    except ValueError:
        return None
    found = {case.pk: case for case in _reassignable(user).filter(pk__in=wanted).select_related("organisation")}
    if len(found) != len(wanted):
        return None
    return [found[pk] for pk in wanted]


def assignable_case_managers(*, user: User) -> list[tuple[str, str]]:
    """(id, "Name (unit, …)") of the active case managers `user` may give cases to: an organisation
    admin every one of the organisation, a team lead those of the units they lead (a lead without a
    unit: every one). Staff only: portal accounts hold no case manager role."""
    from reintegra.accounts.models import Membership, Role
    from reintegra.accounts.selectors import user_has_role, user_memberships

    memberships = Membership.objects.filter(
        organisation=user.organisation, role=Role.CASE_MANAGER, user__is_active=True
    ).select_related("user", "unit")
    if not user_has_role(user, Role.ORG_ADMIN):
        led = [unit for role, unit in user_memberships(user) if role == Role.TEAM_LEAD]
        if not led:
            return []
        if None not in led:
            memberships = memberships.filter(unit_id__in=led)
    people: dict[Any, tuple[Any, list[str]]] = {}
    for membership in memberships:
        person, units = people.setdefault(membership.user_id, (membership.user, []))
        if membership.unit is not None:
            units.append(membership.unit.name)
    rows = sorted(people.values(), key=lambda pair: pair[0].display_name.lower())
    return [
        (str(person.pk), f"{person.display_name} ({', '.join(sorted(units))})" if units else person.display_name)
        for person, units in rows
    ]
