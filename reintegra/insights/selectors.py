"""The insights: figures over the statistical records (`CaseFigures`) of the cases a person leads.

Team leads see their units (a team lead without a unit: the whole organisation), organisation
admins every unit. Which cases count for which figure:

- opened / first contact / time to return to work: cases opened in the period;
- closed, and every outcome figure (time to close, time per phase, return-to-work rate, GAS,
  WAI, absence, costs, satisfaction): cases closed in the period;
- open: cases open at the end of the period; open by phase and per case manager: open now.

Erased cases keep counting: their records stay with an empty link. Every figure computed from
fewer than `MIN_CASES` cases is None and its name is listed in `suppressed`; breakdowns hide
further cells when the hidden ones would add up to fewer (so no one subtracts their way to a
person). The comparison is the period of the same length right before.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import compress
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Avg, Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from reintegra.accounts.models import Role, Unit, User
from reintegra.accounts.selectors import user_memberships
from reintegra.cases.models import PHASE_ORDER, CaseType
from reintegra.core.permissions import require
from reintegra.insights.models import CaseFigures, CaseFiguresAnswer, CaseFiguresCost
from reintegra.insights.permissions import can_see_insights
from reintegra.insights.stats import MIN_CASES, kaplan_meier, median, money, share, small, suppress_breakdown

REFUSED = "Only team leads and organisation admins see the insights."
RTW_OUTCOMES = ("rtw_full", "rtw_partial")
DEFAULT_DAYS = 365
GAS_BANDS = [("<30", None, 30.0), ("30-40", 30.0, 40.0), ("40-50", 40.0, 50.0), ("50-60", 50.0, 60.0),
             ("60-70", 60.0, 70.0), (">=70", 70.0, None)]  # fmt: skip


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    unit: Unit | None = None
    case_type: str | None = None

    @property
    def previous(self) -> "Filters":
        length = (self.date_to - self.date_from).days + 1
        to = self.date_from - timedelta(days=1)
        return Filters(date_from=to - timedelta(days=length - 1), date_to=to, unit=self.unit, case_type=self.case_type)


def _organisation(user: User) -> Any:
    return user.organisation_id


def insights_units(user: User) -> list[Unit] | None:
    """The units whose figures `user` sees: None for all (organisation admin, team lead without a unit)."""
    memberships = user_memberships(user)
    roles = {role for role, _unit in memberships}
    if Role.ORG_ADMIN in roles:
        return None
    lead_units = [unit for role, unit in memberships if role == Role.TEAM_LEAD and unit]
    if not lead_units:
        return None
    return list(Unit.objects.filter(pk__in=lead_units, organisation_id=_organisation(user)).order_by("name"))


def insights_unit_choices(user: User) -> list[Unit]:
    """The units `user` may filter by: theirs, or every unit of the organisation."""
    units = insights_units(user)
    if units is not None:
        return units
    return list(Unit.objects.filter(organisation_id=_organisation(user)).order_by("name"))


def insights_case_types(user: User) -> list[CaseType]:
    return list(CaseType.objects.filter(organisation_id=_organisation(user)).order_by("name"))


def insights_filters(
    *,
    user: User,
    date_from: date | None = None,
    date_to: date | None = None,
    unit_id: Any = None,
    case_type: str | None = None,
) -> Filters:
    """Checked filters (400 naming the field): the period (default: the last 365 days up to
    today), one of the person's units, a case type of the organisation."""
    require(can_see_insights(user), REFUSED)
    today = timezone.localdate()
    date_to = date_to or today
    date_from = date_from or date_to - timedelta(days=DEFAULT_DAYS - 1)
    errors: dict[str, list[str]] = {}
    if date_from > date_to:
        errors["to"] = ["The end of the period lies before its start."]
    unit = None
    if unit_id not in (None, ""):
        unit = next((u for u in insights_unit_choices(user) if str(u.pk) == str(unit_id)), None)
        if unit is None:
            errors["unit"] = ["Choose one of your units."]
    if (
        case_type not in (None, "")
        and not CaseType.objects.filter(organisation_id=_organisation(user), key=case_type).exists()
    ):
        errors["case_type"] = ["Choose a case type of your organisation."]
    if errors:
        raise ValidationError(errors)
    return Filters(date_from=date_from, date_to=date_to, unit=unit, case_type=case_type or None)


def _records(user: User, filters: Filters) -> QuerySet[CaseFigures]:
    """The records of the person's scope (organisation, their units or the chosen one, the case type)."""
    records = CaseFigures.objects.filter(organisation_id=_organisation(user))
    if filters.unit is not None:
        records = records.filter(unit_id=filters.unit.pk)
    else:
        units = insights_units(user)
        if units is not None:
            records = records.filter(unit_id__in=[unit.pk for unit in units])
    if filters.case_type:
        records = records.filter(case_type_key=filters.case_type)
    return records


class Figures:
    """Collects figures and the names of those suppressed."""

    def __init__(self) -> None:
        self.suppressed: list[str] = []

    def value(self, name: str, cases: int, compute: Any) -> Any:
        """`compute()` when at least MIN_CASES cases stand behind it; else None, named in `suppressed`.
        No cases at all: None, not named (there is nothing to hide)."""
        if cases == 0:
            return None
        if cases < MIN_CASES:
            self.suppressed.append(name)
            return None
        return compute()

    def counts(self, prefix: str, counts: dict[str, int]) -> dict[str, int | None]:
        """A breakdown of counts with its small cells (and their complements) hidden."""
        hidden = suppress_breakdown(counts)
        self.suppressed += [f"{prefix}.{key}" for key in counts if key in hidden]
        return {key: (None if key in hidden else count) for key, count in counts.items()}

    def count(self, name: str, count: int) -> int | None:
        if small(count):
            self.suppressed.append(name)
            return None
        return count


# The columns read per record: of the cases opened in either period, and of those closed in either;
# `period` is 1 for this period, 2 for the one before (computed by the database).
OPENED = ("period", "still_open", "rtw_applicable", "outcome", "days_to_close", "first_contact_days", "opened_on")
CLOSED = (
    "period", "closed_on", "rtw_applicable", "outcome", "days_to_close", "gas_t_score", "wai_first", "wai_last",
    "wai_responses", "absence_days_before", "absence_days_after", *(f"days_{key}" for key in PHASE_ORDER),
)  # fmt: skip


Sums = dict[str, tuple[int, Decimal, Decimal]]  # key → (cases, planned, actual)
Columns = dict[str, list[Any]]  # one list per column, rows in the same order


@dataclass
class Read:
    """What the database answers once for both periods (every figure is computed from it)."""

    counts: dict[str, int]
    open_by_phase: dict[str, int]
    opened: Columns
    closed: Columns
    records: QuerySet[CaseFigures]
    by_type: dict[int, Sums]  # per period (1 this, 2 the one before)
    by_bearer: dict[int, Sums]
    answers: dict[int, list[tuple[str, int, float]]]
    per_manager: dict[str, dict[str, int]]  # case manager id → open (now), opened, closed (this period)


def _period_of(field: str, filters: Filters) -> Case:
    return Case(
        When(**{f"{field}__range": (filters.date_from, filters.date_to)}, then=Value(1)),
        When(**{f"{field}__range": (filters.previous.date_from, filters.previous.date_to)}, then=Value(2)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _fetch(queryset: QuerySet[Any], columns: tuple[str, ...]) -> Columns:
    """The rows as the driver returns them, through the cursor with the SQL the ORM compiles — no
    per-value conversion (dates stay ISO text on SQLite, booleans 0/1), which was most of the
    page's time at 100,000 records — turned into columns (one list per column, no object per row)."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return {name: [] for name in columns}
    return {name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)}


def _pick(columns: Columns, flag: int) -> Columns:
    """The rows of one period (`period` column 1 or 2)."""
    mask = [value == flag for value in columns["period"]]
    return {name: list(compress(values, mask)) for name, values in columns.items()}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _read(records: QuerySet[CaseFigures], filters: Filters) -> Read:
    earliest = filters.previous.date_from
    # Every count concerns records opened by the end of the period and open or closed since the
    # start of the period before: the rest (closed long ago, opened later) is never read.
    records = records.filter(opened_on__lte=filters.date_to).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=earliest)
    )
    # One grouped count for the whole caseload: per case manager and current phase, the cases opened,
    # closed and open at the end of each period, and those open now; totals are their sums.
    aggregates: dict[str, Any] = {"open_now": Count("pk", filter=Q(closed_on__isnull=True))}
    for name, period in (("current", filters), ("previous", filters.previous)):
        span = (period.date_from, period.date_to)
        aggregates[f"{name}_opened"] = Count("pk", filter=Q(opened_on__range=span))
        aggregates[f"{name}_closed"] = Count("pk", filter=Q(closed_on__range=span))
        aggregates[f"{name}_open"] = Count(
            "pk",
            filter=Q(opened_on__lte=period.date_to) & (Q(closed_on__isnull=True) | Q(closed_on__gt=period.date_to)),
        )
    names = list(aggregates)
    counts = dict.fromkeys(names, 0)
    phases: dict[str, int] = {}
    per_manager: dict[str, dict[str, int]] = {}
    grouped = (
        records.order_by()
        .values_list("case_manager_id", "current_phase")
        .annotate(**aggregates)
        .values_list("case_manager_id", "current_phase", *names)
    )
    for manager_id, phase, *values in grouped:
        row = dict(zip(names, values, strict=True))
        for key, value in row.items():
            counts[key] += value
        phases[phase] = phases.get(phase, 0) + row["open_now"]
        if manager_id is not None:
            mine = per_manager.setdefault(str(manager_id), {"open": 0, "opened": 0, "closed": 0})
            mine["open"] += row["open_now"]
            mine["opened"] += row["current_opened"]
            mine["closed"] += row["current_closed"]
    opened = _fetch(
        records.filter(opened_on__range=(earliest, filters.date_to))
        .order_by()
        .annotate(
            period=_period_of("opened_on", filters),
            still_open=Case(When(closed_on__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()),
        ),
        OPENED,
    )
    closed = _fetch(
        records.filter(closed_on__range=(earliest, filters.date_to))
        .order_by()
        .annotate(period=_period_of("closed_on", filters)),
        CLOSED,
    )
    # Costs and satisfaction of the closed cases, summed by the database for both periods at once.
    closing = records.filter(closed_on__range=(earliest, filters.date_to))
    costed = closing.filter(has_costs=True)
    by_type: dict[int, Sums] = {1: {}, 2: {}}
    for period, key, cases, planned, actual in (
        costed.order_by()
        .annotate(period=_period_of("closed_on", filters))
        .values_list("period", "case_type_key")
        .annotate(cases=Count("pk"), planned=Sum("planned_cost"), actual=Sum("actual_cost"))
        .values_list("period", "case_type_key", "cases", "planned", "actual")
    ):
        if period in by_type:
            by_type[period][key] = (cases, planned or Decimal(0), actual or Decimal(0))
    by_bearer: dict[int, Sums] = {1: {}, 2: {}}
    for period, key, cases, planned, actual in (
        CaseFiguresCost.objects.filter(figures__in=costed)
        .order_by()
        .annotate(period=_period_of("figures__closed_on", filters))
        .values_list("period", "bearer")
        .annotate(cases=Count("figures_id", distinct=True), planned=Sum("planned"), actual=Sum("actual"))
        .values_list("period", "bearer", "cases", "planned", "actual")
    ):
        if period in by_bearer:
            by_bearer[period][key] = (cases, planned or Decimal(0), actual or Decimal(0))
    answers: dict[int, list[tuple[str, int, float]]] = {1: [], 2: []}
    for period, item, n, mean in (
        CaseFiguresAnswer.objects.filter(figures__in=closing)
        .order_by()
        .annotate(period=_period_of("figures__closed_on", filters))
        .values_list("period", "item")
        .annotate(n=Count("pk"), mean=Avg("value"))
        .values_list("period", "item", "n", "mean")
    ):
        if period in answers:
            answers[period].append((item, n, mean))
    return Read(
        counts=counts, open_by_phase=phases, opened=opened, closed=closed, records=records,
        by_type=by_type, by_bearer=by_bearer, answers=answers, per_manager=per_manager,
    )  # fmt: skip


def _observations(opened: Columns, today: date) -> list[tuple[int, bool]]:
    """Kaplan–Meier observations of the return-to-work cases opened in the period: an event on
    closing with a return-to-work outcome, censored on closing otherwise, open cases censored today."""
    observations = []
    for applicable, still_open, days, outcome, opened_on in zip(
        opened["rtw_applicable"], opened["still_open"], opened["days_to_close"], opened["outcome"],
        opened["opened_on"], strict=True,
    ):  # fmt: skip
        if not applicable:
            continue
        if not still_open:
            observations.append((days or 0, outcome in RTW_OUTCOMES))
        else:
            observations.append((max((today - _as_date(opened_on)).days, 0), False))
    return observations


def _curve(observations: list[tuple[int, bool]]) -> list[dict[str, Any]]:
    """The Kaplan–Meier curve; it stops before fewer than MIN_CASES are at risk (a step there would
    show one person's time)."""
    points = [{"day": 0, "still_absent_share": 1.0, "at_risk": len(observations)}]
    for step in kaplan_meier(observations):
        if step.at_risk < MIN_CASES:
            break
        points.append({"day": step.day, "still_absent_share": round(step.survival, 4), "at_risk": step.at_risk})
    return points


def _costs(figures: Figures, by_type: Sums, by_bearer: Sums) -> dict[str, Any]:
    """The closed cases' measures: totals, per cost bearer and per case type."""
    total = sum(cases for cases, _p, _a in by_type.values())
    hidden_bearers = suppress_breakdown({key: value[0] for key, value in by_bearer.items()})
    hidden_types = suppress_breakdown({key: value[0] for key, value in by_type.items()})
    figures.suppressed += [f"costs.by_bearer.{key}" for key in sorted(hidden_bearers)]
    figures.suppressed += [f"costs.by_case_type.{key}" for key in sorted(hidden_types)]

    def _pair(value: tuple[int, Decimal, Decimal]) -> dict[str, Any]:
        return {"cases": value[0], "planned": money(value[1]), "actual": money(value[2])}

    return {
        "cases": figures.count("costs.cases", total),
        "planned": figures.value(
            "costs.planned", total, lambda: money(sum((v[1] for v in by_type.values()), Decimal(0)))
        ),
        "actual": figures.value(
            "costs.actual", total, lambda: money(sum((v[2] for v in by_type.values()), Decimal(0)))
        ),
        "by_bearer": {key: None if key in hidden_bearers else _pair(by_bearer[key]) for key in sorted(by_bearer)},
        "by_case_type": {key: None if key in hidden_types else _pair(by_type[key]) for key in sorted(by_type)},
    }


def _satisfaction(figures: Figures, items: list[tuple[str, int, float]]) -> dict[str, Any]:
    """The mean per item over the closed cases that answered it."""
    return {key: figures.value(f"satisfaction.{key}", n, lambda m=mean: round(m, 2)) for key, n, mean in sorted(items)}


def _period(read: Read, name: str, filters: Filters, today: date) -> dict[str, Any]:
    figures = Figures()
    flag = 1 if name == "current" else 2
    opened = _pick(read.opened, flag)
    closed = _pick(read.closed, flag)

    cases: dict[str, Any] = {
        "opened": figures.count("cases.opened", read.counts[f"{name}_opened"]),
        "closed": figures.count("cases.closed", read.counts[f"{name}_closed"]),
        "open": figures.count("cases.open", read.counts[f"{name}_open"]),
    }
    phase_counts = {key: read.open_by_phase.get(key, 0) for key in PHASE_ORDER}
    phase_counts[PHASE_ORDER[0]] += read.open_by_phase.get("", 0)
    cases["open_by_phase"] = figures.counts("cases.open_by_phase", phase_counts)

    # Durations.
    contacts = [days for days in opened["first_contact_days"] if days is not None]
    to_close = [days for days in closed["days_to_close"] if days is not None]
    per_phase = {}
    for key in PHASE_ORDER:
        values = [days for days in closed[f"days_{key}"] if days is not None]
        per_phase[key] = figures.value(f"durations.days_per_phase.{key}", len(values), lambda v=values: median(v))
    median_to_close = figures.value("median_days_to_close", len(to_close), lambda: median(to_close))
    durations = {
        "median_days_to_first_contact": figures.value(
            "durations.median_days_to_first_contact", len(contacts), lambda: median(contacts)
        ),
        "median_days_per_phase": per_phase,
        "median_days_to_close": median_to_close,
    }

    # Return to work.
    outcomes = list(compress(closed["outcome"], closed["rtw_applicable"]))
    returned = sum(1 for outcome in outcomes if outcome in RTW_OUTCOMES)
    rtw_rate = figures.value("rtw_rate", len(outcomes), lambda: share(returned, len(outcomes)))
    observations = _observations(opened, today)
    time_to_rtw = figures.value("time_to_rtw", len(observations), lambda: _curve(observations))

    # Absence before and after.
    pairs = [
        (before, after or 0)
        for before, after in zip(closed["absence_days_before"], closed["absence_days_after"], strict=True)
        if before is not None
    ]
    absence = {
        "cases": figures.count("absence.cases", len(pairs)),
        "median_days_before": figures.value(
            "absence.median_days_before", len(pairs), lambda: median(before for before, _after in pairs)
        ),
        "median_days_after": figures.value(
            "absence.median_days_after", len(pairs), lambda: median(after for _before, after in pairs)
        ),
    }

    # GAS.
    scores = [score for score in closed["gas_t_score"] if score is not None]
    bands = {label: sum(1 for s in scores if (low is None or s >= low) and (high is None or s < high))
             for label, low, high in GAS_BANDS}  # fmt: skip
    gas = {
        "cases": figures.count("gas.cases", len(scores)),
        "median_t_score": figures.value("gas.median_t_score", len(scores), lambda: round(median(scores) or 0, 1)),
        "share_t_50_or_more": figures.value(
            "gas.share_t_50_or_more", len(scores), lambda: share(sum(1 for s in scores if s >= 50), len(scores))
        ),
        "distribution": figures.counts("gas.distribution", bands) if scores else {key: 0 for key in bands},
    }

    # WAI.
    changes = [
        last - first
        for first, last, count in zip(closed["wai_first"], closed["wai_last"], closed["wai_responses"], strict=True)
        if count >= 2
    ]
    wai = {
        "cases": figures.count("wai.cases", len(changes)),
        "median_change": figures.value("wai.median_change", len(changes), lambda: median(changes)),
    }

    result: dict[str, Any] = {
        "period": {"from": filters.date_from, "to": filters.date_to},
        "cases": cases,
        "durations": durations,
        "median_days_to_close": median_to_close,
        "rtw_rate": rtw_rate,
        "time_to_rtw": time_to_rtw,
        "absence": absence,
        "gas": gas,
        "wai": wai,
        "costs": _costs(figures, read.by_type[flag], read.by_bearer[flag]),
        "satisfaction": _satisfaction(figures, read.answers[flag]),
    }
    if name == "current":
        result["cases"]["per_case_manager"] = _per_case_manager(figures, read.per_manager)
        result["trend"] = _trend(figures, opened, closed, filters)
    result["suppressed"] = figures.suppressed
    return result


def _month(value: Any) -> str:
    """ "2026-03" from a date or its ISO text (the cursor gives either, depending on the database)."""
    return str(value)[:7]


def _trend(figures: Figures, opened: Columns, closed: Columns, filters: Filters) -> list[dict[str, Any]]:
    """Cases opened and closed per month of the period (each column a breakdown: small cells hidden)."""
    months: list[str] = []
    day = filters.date_from.replace(day=1)
    while day <= filters.date_to:
        months.append(f"{day.year:04d}-{day.month:02d}")
        day = (day + timedelta(days=32)).replace(day=1)
    opened_counts = {month: 0 for month in months}
    closed_counts = {month: 0 for month in months}
    for day in opened["opened_on"]:
        opened_counts[_month(day)] = opened_counts.get(_month(day), 0) + 1
    for day in closed["closed_on"]:
        closed_counts[_month(day)] = closed_counts.get(_month(day), 0) + 1
    shown_opened = figures.counts("trend.opened", opened_counts)
    shown_closed = figures.counts("trend.closed", closed_counts)
    return [{"month": month, "opened": shown_opened[month], "closed": shown_closed[month]} for month in months]


def _per_case_manager(figures: Figures, per_manager: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    active = {key: value for key, value in per_manager.items() if any(value.values())}
    ids = sorted(active)
    columns = {column: {key: active[key][column] for key in ids} for column in ("open", "opened", "closed")}
    names = {str(user.pk): user.display_name for user in User.objects.filter(pk__in=ids)}
    shown = {column: figures.counts(f"cases.per_case_manager.{column}", counts) for column, counts in columns.items()}
    return sorted(
        (
            {
                "case_manager": {"id": key, "display_name": names.get(key, "")},
                **{column: shown[column][key] for column in columns},
            }
            for key in ids
        ),
        key=lambda entry: entry["case_manager"]["display_name"].lower(),
    )


def insights_read(*, user: User, filters: Filters) -> dict[str, Any]:
    """The figures of the period and of the period before, current at the time of the request."""
    require(can_see_insights(user), REFUSED)
    today = timezone.localdate()
    read = _read(_records(user, filters), filters)
    current = _period(read, "current", filters, today)
    previous = _period(read, "previous", filters.previous, today)
    current["filters"] = {
        "unit": str(filters.unit.pk) if filters.unit else None,
        "case_type": filters.case_type,
    }
    current["previous"] = previous
    current["suppressed"] = [*current["suppressed"], *(f"previous.{name}" for name in previous["suppressed"])]
    return current
