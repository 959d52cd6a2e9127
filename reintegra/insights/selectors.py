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

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, JSONField, Q, QuerySet, When
from django.utils import timezone

from reintegra.accounts.models import Role, Unit, User
from reintegra.accounts.selectors import user_memberships
from reintegra.cases.models import PHASE_ORDER, CaseType
from reintegra.core.permissions import require
from reintegra.insights.models import ALL_TYPES, CaseFigures, CaseFiguresCell, Span
from reintegra.insights.permissions import can_see_insights
from reintegra.insights.stats import MIN_CASES, kaplan_meier_counted, money, share, small, suppress_breakdown
from reintegra.insights.tallies import (
    Tally,
    add_closed,
    add_opened,
    histogram_median,
    month_end,
    month_of,
    record_rows,
    total,
    values,
)

REFUSED = "Only team leads and organisation admins see the insights."
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
    """The units whose figures `user` sees: None for all (organisation admin, team lead without a unit).
    Read once per request (kept on the user, as the memberships are)."""
    memberships = user_memberships(user)
    roles = {role for role, _unit in memberships}
    if Role.ORG_ADMIN in roles:
        return None
    lead_units = [unit for role, unit in memberships if role == Role.TEAM_LEAD and unit]
    if not lead_units:
        return None
    cached = getattr(user, "_insights_units", None)  # (unit ids, units): fresh when the memberships change
    if cached is None or cached[0] != lead_units:
        units = list(Unit.objects.filter(pk__in=lead_units, organisation_id=_organisation(user)).order_by("name"))
        cached = user._insights_units = (lead_units, units)  # type: ignore[attr-defined]
    return cached[1]


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


def _scope(user: User, filters: Filters) -> tuple[Q, bool]:
    """The person's scope (organisation, their units or the chosen one, the case type), for the
    records and for the summary cells alike; and whether it is the whole organisation."""
    scope = Q(organisation_id=_organisation(user))
    whole = not filters.case_type
    if filters.unit is not None:
        scope &= Q(unit_id=filters.unit.pk)
        whole = False
    else:
        units = insights_units(user)
        if units is not None:
            scope &= Q(unit_id__in=[unit.pk for unit in units])
            whole = False
    if filters.case_type:
        scope &= Q(case_type_key=filters.case_type)
    return scope, whole


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


Sums = dict[str, tuple[int, Decimal, Decimal]]  # key → (cases, planned, actual)
Target = tuple[str, int]  # ("current" or "previous", +1 to add or −1 to take away)
Reads = list[tuple[date, date, list[Target]]]  # day ranges read from day cells, and what they count for
PERIODS = ("current", "previous")


@dataclass
class Read:
    """What the database answers once for both periods (every figure is computed from it)."""

    tallies: dict[str, Tally]  # "current", "previous"
    open_at_end: dict[str, int]  # per period: the cases open at its end
    open_by_phase: dict[str, int]  # open now (opened by the end of the period)
    per_manager: dict[str, dict[str, int]]  # case manager id → open (now), opened, closed (this period)


def _plan(filters: Filters) -> tuple[dict[date, str], Reads, dict[str, tuple[date, date]]]:
    """Which months come from month cells, which days from day cells (and what they count for), and
    the days after each period's end in its last month (their counts give the cases open at the end).

    A month wholly inside a period comes from its month cell. Of a month the periods cover in part,
    either the days inside the periods are read, or the month cell is taken for the period covering
    most of it and its other days are read and taken away (exact: the histograms are counts) —
    whichever reads fewer cells."""
    segments: dict[date, list[tuple[date, date, str]]] = {}
    for label, period in (("current", filters), ("previous", filters.previous)):
        month = month_of(period.date_from)
        while month <= period.date_to:
            end = month_end(month)
            segments.setdefault(month, []).append((max(month, period.date_from), min(end, period.date_to), label))
            month = end + timedelta(days=1)
    summary: dict[date, str] = {}
    reads: Reads = []
    for month, parts in segments.items():
        end = month_end(month)
        pieces, day = [], month  # the month's segments, gaps labelled ""
        for start, stop, label in sorted(parts):
            if day < start:
                pieces.append((day, start - timedelta(days=1), ""))
            pieces.append((start, stop, label))
            day = stop + timedelta(days=1)
        if day <= end:
            pieces.append((day, end, ""))
        if len(pieces) == 1:
            summary[month] = pieces[0][2]
            continue
        days = {piece: (piece[1] - piece[0]).days + 1 for piece in pieces}
        direct = sum(n for piece, n in days.items() if piece[2])
        labels = [label for _a, _b, label in pieces if label]
        options = {label: 1 + sum(n for piece, n in days.items() if piece[2] != label) for label in labels}
        best = min(options, key=lambda label: options[label])
        if options[best] < direct:
            summary[month] = best
            reads += [(start, stop, [(best, -1), *([(label, 1)] if label else [])])
                      for start, stop, label in pieces if label != best]  # fmt: skip
        else:
            reads += [(start, stop, [(label, 1)]) for start, stop, label in pieces if label]
    rests = {
        name: (end + timedelta(days=1), month_end(end))
        for name, end in (("current", filters.date_to), ("previous", filters.previous.date_to))
        if end < month_end(end)
    }
    return summary, reads, rests


def _targets(reads: Reads, day: date | None) -> list[Target]:
    if day is not None:
        for start, stop, targets in reads:
            if start <= day <= stop:
                return targets
    return []


def _from_cells(cells: QuerySet[CaseFiguresCell], filters: Filters) -> tuple[dict[str, Tally], dict[str, list[int]]]:
    """The tallies of both periods and the cases opened and closed after each period's end, in one
    read of the summary cells: the month cells `_plan` chose, the months after the previous
    period's end (counts only), the day cells of the partial months and of the rest of each
    period's last month (counts only)."""
    summary, reads, rests = _plan(filters)
    tallies = {name: Tally() for name in PERIODS}
    ends = {"current": filters.date_to, "previous": filters.previous.date_to}
    after = {name: [0, 0] for name in PERIODS}  # opened, closed after the end
    months = Q(span=Span.MONTH, start__in=list(summary))
    days = Q(pk__in=[])
    for start, stop, _t in reads:
        days |= Q(span=Span.DAY, start__range=(start, stop))
    counted = Q(span=Span.MONTH, start__gt=month_of(filters.previous.date_to))
    for start, stop in rests.values():
        counted |= Q(span=Span.DAY, start__range=(start, stop))
    histograms = Case(When(months | days, then="histograms"), default=None, output_field=JSONField())
    for span, start, opened, closed, blob in cells.filter(months | days | counted).values_list(
        "span", "start", "opened", "closed", histograms
    ):
        if span == Span.MONTH:
            for name, end in ends.items():
                if start > end:
                    after[name][0] += opened
                    after[name][1] += closed
            label = summary.get(start)
            targets = [(label, 1)] if label else []
        else:
            for name, (first, last) in rests.items():
                if first <= start <= last:
                    after[name][0] += opened
                    after[name][1] += closed
            targets = _targets(reads, start)
        for label, sign in targets:
            tally = tallies[label]
            tally.opened += sign * opened
            tally.closed += sign * closed
            tally.add("opened_month", _month(start), sign * opened)
            tally.add("closed_month", _month(start), sign * closed)
            tally.merge(blob if isinstance(blob, dict) else json.loads(blob), sign)
    return tallies, after


def _from_records(records: QuerySet[CaseFigures], filters: Filters) -> tuple[dict[str, Tally], dict[str, list[int]]]:
    """The same from the records alone (the full recomputation the tests compare with; slow)."""
    tallies = {name: Tally() for name in PERIODS}
    periods = {"current": filters, "previous": filters.previous}
    within = Q(pk__in=[])
    for period in periods.values():
        span = (period.date_from, period.date_to)
        within |= Q(opened_on__range=span) | Q(closed_on__range=span)
    rows, costs, answers = record_rows(records.filter(within))
    for row in rows:
        for name, period in periods.items():
            if period.date_from <= row["opened_on"] <= period.date_to:
                add_opened(tallies[name], row)
                tallies[name].add("opened_month", _month(row["opened_on"]))
            if row["closed_on"] is not None and period.date_from <= row["closed_on"] <= period.date_to:
                add_closed(tallies[name], row, costs.get(row["id"], ()), answers.get(row["id"], ()))
                tallies[name].add("closed_month", _month(row["closed_on"]))
    after = {
        name: [records.filter(**{f"{side}_on__gt": period.date_to}).count() for side in ("opened", "closed")]
        for name, period in periods.items()
    }
    return tallies, after


def _read(user: User, filters: Filters, *, from_records: bool = False) -> Read:
    scope, whole = _scope(user, filters)
    records = CaseFigures.objects.filter(scope)
    if from_records:
        tallies, after = _from_records(records, filters)
    elif whole:  # every unit and case type: the organisation's cells over all of them (one a month or day)
        tallies, after = _from_cells(
            CaseFiguresCell.objects.filter(organisation_id=_organisation(user), case_type_key=ALL_TYPES), filters
        )
    else:
        tallies, after = _from_cells(CaseFiguresCell.objects.filter(scope).exclude(case_type_key=ALL_TYPES), filters)

    # The open cases now: by case manager and phase (those opened by the end of the period). Open at
    # the end of a period = open now − opened after it + closed after it (a case closes on or after
    # its opening day).
    open_now = 0
    phases: dict[str, int] = {}
    per_manager: dict[str, dict[str, int]] = {}
    for manager_id, phase, every, shown in (
        records.filter(closed_on__isnull=True).order_by().values_list("case_manager_id", "current_phase")
        .annotate(every=Count("*"), shown=Count("opened_on", filter=Q(opened_on__lte=filters.date_to)))
        .values_list("case_manager_id", "current_phase", "every", "shown")
    ):  # fmt: skip
        open_now += every
        phases[phase] = phases.get(phase, 0) + shown
        if manager_id is not None:
            per_manager.setdefault(str(manager_id), {"open": 0, "opened": 0, "closed": 0})["open"] += shown
    current = tallies["current"]
    for column, measure in (("opened", "manager_opened"), ("closed", "manager_closed")):
        for manager, count in current.histogram(measure).items():
            if count:
                per_manager.setdefault(manager, {"open": 0, "opened": 0, "closed": 0})[column] += count
    return Read(
        tallies=tallies,
        open_at_end={name: open_now - opened + closed for name, (opened, closed) in after.items()},
        open_by_phase=phases,
        per_manager=per_manager,
    )


def _observations(tally: Tally, today: date) -> dict[tuple[int, bool], int]:
    """Kaplan–Meier observations (as counts) of the return-to-work cases opened in the period: an
    event on closing with a return-to-work outcome, censored on closing otherwise, open cases
    censored today."""
    counts: dict[tuple[int, bool], int] = {}
    for measure, event in (("km_event", True), ("km_censored", False)):
        for days, count in values(tally.histogram(measure)):
            counts[(days, event)] = counts.get((days, event), 0) + count
    for opened_on, count in tally.histogram("km_open").items():
        days = max((today - date.fromisoformat(opened_on)).days, 0)
        counts[(days, False)] = counts.get((days, False), 0) + count
    return {observation: count for observation, count in counts.items() if count}


def _curve(observations: dict[tuple[int, bool], int]) -> list[dict[str, Any]]:
    """The Kaplan–Meier curve; it stops before fewer than MIN_CASES are at risk (a step there would
    show one person's time)."""
    points = [{"day": 0, "still_absent_share": 1.0, "at_risk": sum(observations.values())}]
    for step in kaplan_meier_counted(observations):
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


def _median_of(figures: Figures, name: str, histogram: dict[str, int], number: type = int) -> Any:
    pairs = values(histogram, number)
    return figures.value(name, sum(count for _value, count in pairs), lambda: histogram_median(pairs))


def _money_sums(sums: dict[str, list[Any]]) -> Sums:
    return {name: (cases, planned, actual) for name, (cases, planned, actual) in sums.items() if cases}


def _period(read: Read, name: str, filters: Filters, today: date) -> dict[str, Any]:
    figures = Figures()
    tally = read.tallies[name]

    cases: dict[str, Any] = {
        "opened": figures.count("cases.opened", tally.opened),
        "closed": figures.count("cases.closed", tally.closed),
        "open": figures.count("cases.open", read.open_at_end[name]),
    }
    phase_counts = {key: read.open_by_phase.get(key, 0) for key in PHASE_ORDER}
    phase_counts[PHASE_ORDER[0]] += read.open_by_phase.get("", 0)
    cases["open_by_phase"] = figures.counts("cases.open_by_phase", phase_counts)

    # Durations.
    per_phase = {
        key: _median_of(figures, f"durations.days_per_phase.{key}", tally.histogram(f"days_{key}"))
        for key in PHASE_ORDER
    }
    median_to_close = _median_of(figures, "median_days_to_close", tally.histogram("days_to_close"))
    durations = {
        "median_days_to_first_contact": _median_of(
            figures, "durations.median_days_to_first_contact", tally.histogram("first_contact")
        ),
        "median_days_per_phase": per_phase,
        "median_days_to_close": median_to_close,
    }

    # Return to work.
    rtw = tally.histogram("rtw")
    rtw_cases, returned = rtw.get("cases", 0), rtw.get("returned", 0)
    rtw_rate = figures.value("rtw_rate", rtw_cases, lambda: share(returned, rtw_cases))
    observations = _observations(tally, today)
    time_to_rtw = figures.value("time_to_rtw", sum(observations.values()), lambda: _curve(observations))

    # Absence before and after.
    pairs = total(tally.histogram("absence_before"))
    absence = {
        "cases": figures.count("absence.cases", pairs),
        "median_days_before": _median_of(figures, "absence.median_days_before", tally.histogram("absence_before")),
        "median_days_after": _median_of(figures, "absence.median_days_after", tally.histogram("absence_after")),
    }

    # GAS.
    scores = values(tally.histogram("gas"), float)
    scored = sum(count for _score, count in scores)
    bands = {label: sum(n for s, n in scores if (low is None or s >= low) and (high is None or s < high))
             for label, low, high in GAS_BANDS}  # fmt: skip
    gas = {
        "cases": figures.count("gas.cases", scored),
        "median_t_score": figures.value("gas.median_t_score", scored, lambda: round(histogram_median(scores) or 0, 1)),
        "share_t_50_or_more": figures.value(
            "gas.share_t_50_or_more", scored, lambda: share(sum(n for s, n in scores if s >= 50), scored)
        ),
        "distribution": figures.counts("gas.distribution", bands) if scored else {key: 0 for key in bands},
    }

    # WAI.
    changes = tally.histogram("wai_change")
    wai = {
        "cases": figures.count("wai.cases", total(changes)),
        "median_change": _median_of(figures, "wai.median_change", changes, float),
    }

    answers = sorted((item, n, mean / n) for item, (n, mean) in tally.answers.items() if n)
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
        "costs": _costs(figures, _money_sums(tally.costs), _money_sums(tally.bearers)),
        "satisfaction": _satisfaction(figures, answers),
    }
    if name == "current":
        result["cases"]["per_case_manager"] = _per_case_manager(figures, read.per_manager)
        result["trend"] = _trend(figures, tally, filters)
    result["suppressed"] = figures.suppressed
    return result


def _month(value: Any) -> str:
    """ "2026-03" from a date."""
    return str(value)[:7]


def _trend(figures: Figures, tally: Tally, filters: Filters) -> list[dict[str, Any]]:
    """Cases opened and closed per month of the period (each column a breakdown: small cells hidden)."""
    months: list[str] = []
    day = filters.date_from.replace(day=1)
    while day <= filters.date_to:
        months.append(f"{day.year:04d}-{day.month:02d}")
        day = (day + timedelta(days=32)).replace(day=1)
    opened = tally.histogram("opened_month")
    closed = tally.histogram("closed_month")
    shown_opened = figures.counts("trend.opened", {month: opened.get(month, 0) for month in months})
    shown_closed = figures.counts("trend.closed", {month: closed.get(month, 0) for month in months})
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


def insights_read(*, user: User, filters: Filters, from_records: bool = False) -> dict[str, Any]:
    """The figures of the period and of the period before, current at the time of the request.
    `from_records`: computed from the records alone, the summary cells unused (the full
    recomputation the tests compare with; slow)."""
    require(can_see_insights(user), REFUSED)
    today = timezone.localdate()
    read = _read(user, filters, from_records=from_records)
    current = _period(read, "current", filters, today)
    previous = _period(read, "previous", filters.previous, today)
    current["filters"] = {
        "unit": str(filters.unit.pk) if filters.unit else None,
        "case_type": filters.case_type,
    }
    current["previous"] = previous
    current["suppressed"] = [*current["suppressed"], *(f"previous.{name}" for name in previous["suppressed"])]
    return current
