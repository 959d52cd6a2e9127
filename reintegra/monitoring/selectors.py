"""What is due or overdue: measures, reviews, aftercare follow-ups and consents, for a case or across cases.

Every list starts from the visibility choke point (`Case.objects.visible_to(user)`); one case is
read through `cases.selectors.case_get` by the views before `case_items` is called. Each kind
of item is one query (with the case and client joined), so a list costs a fixed number of
queries however many cases it spans.

Which records count: measures, reviews and follow-ups as `plans.selectors.due` computes them —
the one computation the reminders (and so the inbox) and the calendar read too — overdue or due
within the window (14, 30, 60 or 90 days; each person's choice is remembered, `MonitoringPreference`):
- measures: not done or cancelled, on an open case;
- reviews: the plan's next review date, open cases only;
- follow-ups: the evaluation's aftercare follow-up date (closed cases too, as the reminder);
  a follow-up counts as done once an aftercare note is dated on or after it;
- consents: not withdrawn, expiring within `CONSENT_HORIZON_DAYS` or expired, on open cases,
  unless a later consent for the same purpose (and participant) covers the time after it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts.models import Role, User
from reintegra.accounts.selectors import user_roles
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, CaseStatus
from reintegra.consents.models import Consent
from reintegra.monitoring.models import MonitoringPreference
from reintegra.plans.selectors.due import consent_rows, due_items, due_scope, follow_up_rows, measure_rows, review_rows

# The due records as `plans.selectors.due` defines them (the names this module used before).
_measure_rows, _review_rows, _follow_up_rows = measure_rows, review_rows, follow_up_rows

# How far ahead the lists look (days): the choices, and the default for who has not chosen.
WINDOWS = (14, 30, 60, 90)
DUE_HORIZON_DAYS = WINDOWS[0]
CONSENT_HORIZON_DAYS = 30
WEEK_DAYS = 7
# The access log's object type for a monitoring list: one entry per list shown, not one per case.
LOG_OBJECT = "monitoring"
# The most items a list returns (the page and the API say when a list was cut).
MAX_ITEMS = 500
# What an item shows of its case: encrypted fields (the summary) are never loaded.
CASE_FIELDS = ("case__id", "case__reference", "case__client__first_name", "case__client__last_name")


class Kind:
    MEASURE = "measure"
    REVIEW = "review"
    FOLLOW_UP = "follow_up"
    CONSENT = "consent"


KIND_CHOICES = [
    (Kind.MEASURE, gettext_lazy("Measures")),
    (Kind.REVIEW, gettext_lazy("Reviews")),
    (Kind.FOLLOW_UP, gettext_lazy("Aftercare follow-ups")),
    (Kind.CONSENT, gettext_lazy("Consents")),
]
KINDS = tuple(key for key, _label in KIND_CHOICES)


class Scope:
    MINE = "mine"
    VISIBLE = "visible"


def default_scope(user: User) -> str:
    """A team lead who manages no cases themselves starts with every case they may see."""
    roles = user_roles(user)
    if Role.TEAM_LEAD in roles and Role.CASE_MANAGER not in roles:
        return Scope.VISIBLE
    return Scope.MINE


SCOPES = (Scope.MINE, Scope.VISIBLE)
ORDERINGS = ("date", "-date")


@dataclass(frozen=True)
class MonitoringItem:
    """One thing that is due: what, on which case, by when, and where it is dealt with."""

    kind: str
    object_id: str
    case_id: str
    case_reference: str
    client_name: str
    title: str
    date: date
    days_overdue: int
    days_left: int
    url: str

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass
class ItemList:
    """Items in date order; `truncated` when more than `MAX_ITEMS` were due."""

    items: list[MonitoringItem]
    truncated: bool
    today: date
    window: int = DUE_HORIZON_DAYS

    def groups(self) -> list[tuple[str, str, list[MonitoringItem]]]:
        """(key, heading, items) for Overdue, This week (today and the next six days) and Later."""
        week_end = self.today + timedelta(days=WEEK_DAYS - 1)
        overdue = [item for item in self.items if item.date < self.today]
        week = [item for item in self.items if self.today <= item.date <= week_end]
        later = [item for item in self.items if item.date > week_end]
        return [
            ("overdue", _("Overdue"), overdue),
            ("week", _("This week"), week),
            ("later", _("Later"), later),
        ]


@dataclass(frozen=True)
class Counts:
    overdue: int
    this_week: int


def _days_overdue(day: date, today: date) -> int:
    return max(0, (today - day).days)


def _item(kind: str, obj_id: Any, case: Case, title: str, day: date, today: date, url: str) -> MonitoringItem:
    return MonitoringItem(
        kind=kind,
        object_id=str(obj_id),
        case_id=str(case.pk),
        case_reference=case.reference,
        client_name=str(case.client),
        title=title,
        date=day,
        days_overdue=_days_overdue(day, today),
        days_left=max(0, (day - today).days),
        url=url,
    )


def window_of(user: User) -> int:
    """The window the person chose last (days ahead), else the default."""
    days = MonitoringPreference.objects.filter(user=user).values_list("window_days", flat=True).first()
    return days if days in WINDOWS else DUE_HORIZON_DAYS


def _measures(cases: Q, today: date, until: date, limit: int, descending: bool) -> list[MonitoringItem]:
    rows = (
        measure_rows(cases, until)
        .select_related("case__client")
        .only("id", "title", "due_date", *CASE_FIELDS)
        .order_by("-due_date" if descending else "due_date", "id")[:limit]
    )
    return [
        _item(
            Kind.MEASURE,
            m.pk,
            m.case,
            m.title,
            m.due_date,
            today,
            reverse("plans:plan", args=[m.case.pk]) + f"#measure-{m.pk}",
        )
        for m in rows
    ]


def _reviews(cases: Q, today: date, until: date, limit: int, descending: bool) -> list[MonitoringItem]:
    rows = (
        review_rows(cases, until)
        .select_related("case__client")
        .only("id", "next_review_on", *CASE_FIELDS)
        .order_by("-next_review_on" if descending else "next_review_on", "id")[:limit]
    )
    title = _("Review of the plan")
    return [
        _item(Kind.REVIEW, p.pk, p.case, title, p.next_review_on, today, reverse("plans:reviews", args=[p.case.pk]))
        for p in rows
        if p.next_review_on is not None
    ]


def _follow_ups(cases: Q, today: date, until: date, limit: int, descending: bool) -> list[MonitoringItem]:
    rows = (
        follow_up_rows(cases, until)
        .select_related("case__client")
        .only("follow_up_on", *CASE_FIELDS)
        .order_by("-follow_up_on" if descending else "follow_up_on", "case_id")[:limit]
    )
    title = _("Aftercare follow-up")
    return [
        _item(
            Kind.FOLLOW_UP,
            e.case.pk,
            e.case,
            title,
            e.follow_up_on,
            today,
            reverse("cases:detail", args=[e.case.pk]) + "#phase-evaluation",
        )
        for e in rows
        if e.follow_up_on is not None
    ]


def _consent_rows(cases: Q, until: date) -> QuerySet[Consent]:
    return consent_rows(cases, until)


def _consents(cases: Q, today: date, until: date, limit: int, descending: bool) -> list[MonitoringItem]:
    rows = (
        _consent_rows(cases, max(until, today + timedelta(CONSENT_HORIZON_DAYS)))
        .select_related("case__client", "participant")
        .only("id", "purpose", "valid_until", "participant__name", *CASE_FIELDS)
        .order_by("-valid_until" if descending else "valid_until", "id")[:limit]
    )
    items = []
    for consent in rows:
        assert consent.valid_until is not None  # filtered above
        title = str(consent.get_purpose_display())
        if consent.participant is not None:
            title = f"{title} ({consent.participant.name})"
        if consent.valid_until < today:
            title = _("%(consent)s: expired") % {"consent": title}
        else:
            title = _("%(consent)s: expires") % {"consent": title}
        items.append(
            _item(
                Kind.CONSENT,
                consent.pk,
                consent.case,
                title,
                consent.valid_until,
                today,
                reverse("consents:new", args=[consent.case.pk]),
            )
        )
    return items


BUILDERS: dict[str, Callable[[Q, date, date, int, bool], list[MonitoringItem]]] = {
    Kind.MEASURE: _measures,
    Kind.REVIEW: _reviews,
    Kind.FOLLOW_UP: _follow_ups,
    Kind.CONSENT: _consents,
}
# Per kind: its records up to a date, the date field, and the status of the cases it is about
# (None: any; follow-ups concern closed cases too).
SOURCES: dict[str, tuple[Callable[[Q, date], QuerySet[Any]], str, str | None]] = {
    Kind.MEASURE: (measure_rows, "due_date", CaseStatus.OPEN),
    Kind.REVIEW: (review_rows, "next_review_on", CaseStatus.OPEN),
    Kind.FOLLOW_UP: (follow_up_rows, "follow_up_on", None),
    Kind.CONSENT: (_consent_rows, "valid_until", CaseStatus.OPEN),
}


def _from_table(scope: Q | None, kind: str, until: date) -> Q:
    """A `Q` on a kind's records: those the due-items table lists for `scope` up to `until`."""
    ids = due_items(scope, until=until, kinds=(kind,)).values("object_id")
    return Q(case_id__in=ids) if kind == Kind.FOLLOW_UP else Q(pk__in=ids)


def _collect(
    cases: Q | None,
    *,
    kinds: Iterable[str] | None,
    ordering: str,
    today: date | None,
    limit: int,
    window: int | None,
    table: bool = False,
) -> ItemList:
    """With `table`, `cases` is a scope over the due-items table (`due_scope`) and each kind's
    records are looked up by the ids the table lists; else a `Q` on `case_id` (one case)."""
    today = today or timezone.localdate()
    window = window if window in WINDOWS else DUE_HORIZON_DAYS
    until = today + timedelta(days=window)
    descending = ordering == "-date"
    chosen = [kind for kind in KINDS if kinds is None or kind in set(kinds)]
    items: list[MonitoringItem] = []
    for kind in chosen:
        # Each builder fetches one more than the limit, so a cut list is noticed.
        if table:
            horizon = max(until, today + timedelta(CONSENT_HORIZON_DAYS)) if kind == Kind.CONSENT else until
            records = _from_table(cases, kind, horizon)
        else:
            assert cases is not None
            records = cases
        items.extend(BUILDERS[kind](records, today, until, limit + 1, descending))
    items.sort(key=lambda item: (item.date, item.case_reference, item.kind, item.title), reverse=descending)
    return ItemList(items=items[:limit], truncated=len(items) > limit, today=today, window=window)


def case_items(
    case: Case,
    *,
    kinds: Iterable[str] | None = None,
    ordering: str = "date",
    today: date | None = None,
    limit: int = MAX_ITEMS,
    window: int | None = None,
) -> ItemList:
    """What is due on one case. `case` must come from `cases.selectors.case_get` (visibility, logging)."""
    return _collect(Q(case_id=case.pk), kinds=kinds, ordering=ordering, today=today, limit=limit, window=window)


def monitored_cases(user: User, *, scope: str = Scope.MINE, case_manager: Any = None) -> QuerySet[Case]:
    """The cases a list spans: all the user may see, or only those they manage or deputise;
    `case_manager` narrows them to one case manager's (the team lead's caseload links here)."""
    cases = Case.objects.visible_to(user)
    if scope == Scope.MINE:
        cases = cases.filter(Q(case_manager=user) | Q(deputy=user))
    if case_manager is not None:
        cases = cases.filter(case_manager_id=case_manager)
    return cases


def user_items(
    user: User,
    *,
    scope: str = Scope.MINE,
    kinds: Iterable[str] | None = None,
    ordering: str = "date",
    today: date | None = None,
    limit: int = MAX_ITEMS,
    case_manager: Any = None,
    window: int | None = None,
) -> ItemList:
    """What is due across the cases `user` may see (`scope="visible"`) or manages or deputises ("mine"),
    up to `window` days ahead (default: the person's remembered choice)."""
    window = window if window is not None else window_of(user)
    return _collect(
        _table_scope(user, scope=scope, case_manager=case_manager),
        kinds=kinds,
        ordering=ordering,
        today=today,
        limit=limit,
        window=window,
        table=True,
    )


def _table_scope(user: User, *, scope: str, case_manager: Any = None) -> Q | None:
    """`monitored_cases` as a scope over the due-items table's copied case columns."""
    condition = due_scope(user, mine=scope == Scope.MINE)
    if condition is not None and case_manager is not None:
        condition &= Q(case_manager_id=case_manager)
    return condition


def user_counts(user: User, *, scope: str = Scope.MINE, today: date | None = None) -> Counts:
    """How many items are overdue and how many fall due this week (today and the next six days):
    one count over the due-items table (an index range per visibility branch), no row loaded and
    not capped at `MAX_ITEMS`."""
    today = today or timezone.localdate()
    week_end = today + timedelta(days=WEEK_DAYS - 1)
    counted = due_items(_table_scope(user, scope=scope), until=week_end).aggregate(
        overdue=Count("pk", filter=Q(date__lt=today)),
        week=Count("pk", filter=Q(date__gte=today)),
    )
    return Counts(overdue=counted["overdue"] or 0, this_week=counted["week"] or 0)


def monitoring_read_log(*, user: Any, request: HttpRequest | None, case: Case | None = None, detail: str = "") -> None:
    """A monitoring list shows names and titles from many cases: log one read per list shown."""
    access_log_write(
        user=user,
        action=AccessAction.READ,
        object_type=LOG_OBJECT,
        object_id=case.pk if case is not None else "",
        case_id=case.pk if case is not None else "",
        request=request,
        detail=detail,
    )


# --- The team's caseload (issue #14) ----------------------------------------------------------


@dataclass(frozen=True)
class CaseloadRow:
    """One case manager's open cases, their phases in progress and the items overdue on them."""

    case_manager_id: Any
    display_name: str
    open: int
    by_phase: dict[str, int]
    overdue: int


def _caseload_scope(user: User) -> Q:
    """The cases a caseload spans, as a `Q` on `organisation_id`/`unit_id` (fields of the case and
    of the due-items table alike): an organisation admin all of the organisation's, a team lead
    their units' (a lead without a unit: the whole organisation). Counts only, no content."""
    from reintegra.accounts.selectors import user_memberships

    scope = Q(organisation_id=user.organisation_id)
    if Role.ORG_ADMIN in user_roles(user):
        return scope
    units = [unit for role, unit in user_memberships(user) if role == Role.TEAM_LEAD]
    if None in units:
        return scope
    return scope & Q(unit_id__in=units)


def _caseload_cases(user: User) -> QuerySet[Case]:
    return Case.objects.filter(_caseload_scope(user))


def caseload(user: User, *, today: date | None = None) -> list[CaseloadRow]:
    """Per active case manager of the units in scope (with or without cases): open cases, cases
    per phase in progress, and overdue measures, reviews and follow-ups on their cases. A fixed
    number of queries, whatever the number of cases."""
    from reintegra.accounts.models import Membership
    from reintegra.cases.models import PHASE_ORDER

    today = today or timezone.localdate()
    cases = _caseload_cases(user)
    open_cases = cases.filter(status=CaseStatus.OPEN)
    people = Membership.objects.filter(organisation=user.organisation, role=Role.CASE_MANAGER, user__is_active=True)
    if Role.ORG_ADMIN not in user_roles(user):
        from reintegra.accounts.selectors import user_memberships

        units = [unit for role, unit in user_memberships(user) if role == Role.TEAM_LEAD]
        if None not in units:
            people = people.filter(unit_id__in=units)
    names = {
        person.pk: person.display_name
        for person in User.objects.filter(pk__in=people.values("user_id")).only(
            "id", "first_name", "last_name", "username"
        )
    }
    # Open cases and their phases in progress in one pass over the case rows, grouped by manager and
    # `current_phases` (the phases in progress, kept on the case row by the write path): a few groups
    # per manager instead of a join with every open case's phases (38 -> 2 ms of SQL at 10,000 cases,
    # docs/performance.md "Issue 22").
    counts: dict[Any, int] = {}
    phases: dict[Any, dict[str, int]] = {}
    for row in open_cases.order_by().values("case_manager_id", "current_phases").annotate(n=Count("*")):
        manager, n = row["case_manager_id"], row["n"]
        counts[manager] = counts.get(manager, 0) + n
        for key in filter(None, row["current_phases"].split("|")):
            by_key = phases.setdefault(manager, {})
            by_key[key] = by_key.get(key, 0) + n
    overdue: dict[Any, int] = {}
    yesterday = today - timedelta(days=1)
    rows = due_items(_caseload_scope(user), until=yesterday, kinds=(Kind.MEASURE, Kind.REVIEW, Kind.FOLLOW_UP))
    # COUNT(*), not COUNT(id): both counts read only their covering indexes (case_caseload_idx,
    # dueitem_manager_date_cover_idx), 35 and 48 -> 5 ms of SQL at 100,000 cases.
    for row in rows.order_by().values("case_manager_id").annotate(n=Count("*")):
        overdue[row["case_manager_id"]] = row["n"]
    # case managers who left the units but still hold open cases here are listed too
    missing = set(counts) - set(names)
    if missing:
        names.update(
            {
                p.pk: p.display_name
                for p in User.objects.filter(pk__in=missing).only("id", "first_name", "last_name", "username")
            }
        )
    return sorted(
        (
            CaseloadRow(
                case_manager_id=pk,
                display_name=name,
                open=counts.get(pk, 0),
                by_phase={key: phases.get(pk, {}).get(key, 0) for key in PHASE_ORDER},
                overdue=overdue.get(pk, 0),
            )
            for pk, name in names.items()
        ),
        key=lambda row: row.display_name.lower(),
    )
