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

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from reintegra.accounts.models import Role, Unit, User
from reintegra.accounts.selectors import user_memberships
from reintegra.cases.models import PHASE_ORDER, CaseType
from reintegra.core.permissions import require
from reintegra.insights.models import CaseFigures
from reintegra.insights.permissions import can_see_insights
from reintegra.insights.stats import MIN_CASES, kaplan_meier, median, money, share, small, suppress_breakdown

REFUSED = "Only team leads and organisation admins see the insights."
RTW_OUTCOMES = ("rtw_full", "rtw_partial")
DEFAULT_DAYS = 365
GAS_BANDS = [("<30", None, 30.0), ("30-40", 30.0, 40.0), ("40-50", 40.0, 50.0), ("50-60", 50.0, 60.0),
             ("60-70", 60.0, 70.0), (">=70", 70.0, None)]  # fmt: skip
COLUMNS = [
    "unit_id", "case_manager_id", "case_type_key", "rtw_applicable", "opened_on", "closed_on", "current_phase",
    "first_contact_days", "phase_days", "days_to_close", "outcome", "gas_t_score", "wai_first", "wai_last",
    "wai_responses", "absence_days_before", "absence_days_after", "planned_cost", "actual_cost",
    "costs_by_bearer", "satisfaction",
]  # fmt: skip


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
        allowed = insights_units(user)
        candidates = allowed if allowed is not None else list(Unit.objects.filter(organisation_id=_organisation(user)))
        unit = next((u for u in candidates if str(u.pk) == str(unit_id)), None)
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


def _rows(user: User, filters: Filters) -> list[dict[str, Any]]:
    """The records the current and the previous period need, in one query."""
    earliest = filters.previous.date_from
    records = CaseFigures.objects.filter(organisation_id=_organisation(user), opened_on__lte=filters.date_to).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=earliest)
    )
    if filters.unit is not None:
        records = records.filter(unit_id=filters.unit.pk)
    else:
        units = insights_units(user)
        if units is not None:
            records = records.filter(unit_id__in=[unit.pk for unit in units])
    if filters.case_type:
        records = records.filter(case_type_key=filters.case_type)
    return list(records.values(*COLUMNS))


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


def _in(day: date | None, filters: Filters) -> bool:
    return day is not None and filters.date_from <= day <= filters.date_to


def _curve(cohort: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Kaplan–Meier time to return to work: an event on closing with a return-to-work outcome,
    censored on closing otherwise, open cases censored today. The curve stops before fewer than
    MIN_CASES are at risk (a step there would show one person's time)."""
    observations = []
    for row in cohort:
        if row["closed_on"] is not None:
            observations.append((row["days_to_close"] or 0, row["outcome"] in RTW_OUTCOMES))
        else:
            observations.append((max((today - row["opened_on"]).days, 0), False))
    points = [{"day": 0, "still_absent_share": 1.0, "at_risk": len(observations)}]
    for step in kaplan_meier(observations):
        if step.at_risk < MIN_CASES:
            break
        points.append({"day": step.day, "still_absent_share": round(step.survival, 4), "at_risk": step.at_risk})
    return points


def _period(rows: list[dict[str, Any]], filters: Filters, today: date, *, with_people: bool) -> dict[str, Any]:
    figures = Figures()
    opened = [row for row in rows if _in(row["opened_on"], filters)]
    closed = [row for row in rows if _in(row["closed_on"], filters)]
    open_at_end = [
        row for row in rows
        if row["opened_on"] <= filters.date_to and (row["closed_on"] is None or row["closed_on"] > filters.date_to)
    ]  # fmt: skip
    open_now = [row for row in rows if row["closed_on"] is None]

    cases: dict[str, Any] = {
        "opened": figures.count("cases.opened", len(opened)),
        "closed": figures.count("cases.closed", len(closed)),
        "open": figures.count("cases.open", len(open_at_end)),
    }
    phase_counts = Counter(row["current_phase"] or PHASE_ORDER[0] for row in open_now)
    cases["open_by_phase"] = figures.counts(
        "cases.open_by_phase", {key: phase_counts.get(key, 0) for key in PHASE_ORDER}
    )

    # Durations.
    contacts = [row["first_contact_days"] for row in opened if row["first_contact_days"] is not None]
    to_close = [row["days_to_close"] for row in closed if row["days_to_close"] is not None]
    per_phase = {}
    for key in PHASE_ORDER:
        values = [row["phase_days"][key] for row in closed if key in (row["phase_days"] or {})]
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
    rtw_closed = [row for row in closed if row["rtw_applicable"]]
    returned = sum(1 for row in rtw_closed if row["outcome"] in RTW_OUTCOMES)
    rtw_rate = figures.value("rtw_rate", len(rtw_closed), lambda: share(returned, len(rtw_closed)))
    cohort = [row for row in opened if row["rtw_applicable"]]
    time_to_rtw = figures.value("time_to_rtw", len(cohort), lambda: _curve(cohort, today))

    # Absence before and after.
    with_absence = [row for row in closed if row["absence_days_before"] is not None]
    absence = {
        "cases": figures.count("absence.cases", len(with_absence)),
        "median_days_before": figures.value(
            "absence.median_days_before",
            len(with_absence),
            lambda: median(r["absence_days_before"] for r in with_absence),
        ),
        "median_days_after": figures.value(
            "absence.median_days_after",
            len(with_absence),
            lambda: median(r["absence_days_after"] or 0 for r in with_absence),
        ),
    }

    # GAS.
    scores = [row["gas_t_score"] for row in closed if row["gas_t_score"] is not None]
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
    changes = [row["wai_last"] - row["wai_first"] for row in closed if row["wai_responses"] >= 2]
    wai = {
        "cases": figures.count("wai.cases", len(changes)),
        "median_change": figures.value("wai.median_change", len(changes), lambda: median(changes)),
    }

    # Costs: the closed cases' measures, per cost bearer and per case type.
    costed = [row for row in closed if row["costs_by_bearer"]]
    bearer_cases: dict[str, int] = Counter(key for row in costed for key in row["costs_by_bearer"])
    bearer_sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in costed:
        for key, (planned, actual) in row["costs_by_bearer"].items():
            bearer_sums[key][0] += Decimal(planned)
            bearer_sums[key][1] += Decimal(actual)
    hidden_bearers = suppress_breakdown(dict(bearer_cases))
    figures.suppressed += [f"costs.by_bearer.{key}" for key in sorted(hidden_bearers)]
    type_cases: dict[str, int] = Counter(row["case_type_key"] for row in costed)
    type_sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for row in costed:
        type_sums[row["case_type_key"]][0] += row["planned_cost"]
        type_sums[row["case_type_key"]][1] += row["actual_cost"]
    hidden_types = suppress_breakdown(dict(type_cases))
    figures.suppressed += [f"costs.by_case_type.{key}" for key in sorted(hidden_types)]

    def _pair(sums: list[Decimal], count: int) -> dict[str, Any]:
        return {"cases": count, "planned": money(sums[0]), "actual": money(sums[1])}

    costs = {
        "cases": figures.count("costs.cases", len(costed)),
        "planned": figures.value(
            "costs.planned", len(costed), lambda: money(sum((r["planned_cost"] for r in costed), Decimal(0)))
        ),
        "actual": figures.value(
            "costs.actual", len(costed), lambda: money(sum((r["actual_cost"] for r in costed), Decimal(0)))
        ),
        "by_bearer": {
            key: (None if key in hidden_bearers else _pair(bearer_sums[key], bearer_cases[key]))
            for key in sorted(bearer_cases)
        },
        "by_case_type": {
            key: (None if key in hidden_types else _pair(type_sums[key], type_cases[key])) for key in sorted(type_cases)
        },
    }

    # Satisfaction per item: the mean over the closed cases that answered it.
    item_values: dict[str, list[float]] = defaultdict(list)
    for row in closed:
        for key, value in (row["satisfaction"] or {}).items():
            item_values[key].append(float(value))
    satisfaction = {
        key: figures.value(f"satisfaction.{key}", len(values), lambda v=values: round(sum(v) / len(v), 2))
        for key, values in sorted(item_values.items())
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
        "costs": costs,
        "satisfaction": satisfaction,
    }
    if with_people:
        result["cases"]["per_case_manager"] = _per_case_manager(figures, open_now, opened, closed)
    result["suppressed"] = figures.suppressed
    return result


def _per_case_manager(
    figures: Figures, open_now: list[dict[str, Any]], opened: list[dict[str, Any]], closed: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    columns = {
        "open": Counter(str(row["case_manager_id"]) for row in open_now if row["case_manager_id"]),
        "opened": Counter(str(row["case_manager_id"]) for row in opened if row["case_manager_id"]),
        "closed": Counter(str(row["case_manager_id"]) for row in closed if row["case_manager_id"]),
    }
    ids = sorted(set().union(*columns.values()))
    names = {str(user.pk): user.display_name for user in User.objects.filter(pk__in=ids)}
    shown = {
        column: figures.counts(f"cases.per_case_manager.{column}", {key: counts.get(key, 0) for key in ids})
        for column, counts in columns.items()
    }
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
    rows = _rows(user, filters)
    current = _period(rows, filters, today, with_people=True)
    previous = _period(rows, filters.previous, today, with_people=False)
    current["filters"] = {
        "unit": str(filters.unit.pk) if filters.unit else None,
        "case_type": filters.case_type,
    }
    current["previous"] = previous
    current["suppressed"] = [*current["suppressed"], *(f"previous.{name}" for name in previous["suppressed"])]
    return current
