"""What each statistical record adds to the summary cells (`CaseFiguresCell`), and the sums.

A `Tally` holds, for a set of records, the counts and histograms (value → number of cases) every
figure of the page is computed from: a median is exact from the histogram of its values, the
Kaplan–Meier curve from the counts per (day, event). A record adds its *opening* side to the tallies
of the month and the day it was opened on (opened, first contact, per case manager, Kaplan–Meier)
and its *closing* side to those of the month and the day it was closed on (closed, durations,
return to work, absence, GAS, WAI, costs, satisfaction). The same two functions (`add_opened`,
`add_closed`) fill the stored cells (write path, rebuild) and the full recomputation from the
records (`selectors`, `from_records`), so both always agree. Open cases count for Kaplan–Meier as
censored "today", which moves every day: the tally keeps their opening date (`km_open`), not
their days.

No personal data: counts per value, per case manager (staff), per cost bearer, per item.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast

from reintegra.cases.models import PHASE_ORDER
from reintegra.insights.models import CaseFigures, CaseFiguresAnswer, CaseFiguresCost

RTW_OUTCOMES = ("rtw_full", "rtw_partial")
PHASE_COLUMNS = tuple(f"days_{key}" for key in PHASE_ORDER)
# The record's columns the tallies read.
COLUMNS = (
    "id", "organisation_id", "unit_id", "case_type_key", "case_manager_id", "rtw_applicable", "opened_on",
    "closed_on", "first_contact_days", *PHASE_COLUMNS, "days_to_close", "outcome", "gas_t_score", "wai_first",
    "wai_last", "wai_responses", "absence_days_before", "absence_days_after", "planned_cost", "actual_cost",
    "has_costs",
)  # fmt: skip
ZERO = Decimal(0)
CENT = Decimal("0.01")


def key(value: Any) -> str:
    """A histogram key: one spelling per value (JSON object keys are text)."""
    return repr(value) if isinstance(value, float) else str(value)


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def record_rows(
    records: QuerySet[CaseFigures], columns: tuple[str, ...] = COLUMNS
) -> tuple[list[dict[str, Any]], dict[Any, list], dict[Any, list]]:
    """The records' columns, and the costs and answers of the closed ones per record id (two
    queries: the costs and answers are selected by the same filter as a subquery, not by a list of
    ids — at 10,000 ids building and sending the list cost 180 ms, and PostgreSQL scanned)."""
    rows = list(records.order_by().values(*columns))
    costs: dict[Any, list] = defaultdict(list)
    answers: dict[Any, list] = defaultdict(list)
    if any(row["closed_on"] is not None for row in rows):
        closed = records.filter(closed_on__isnull=False).order_by().values("pk")
        for figures_id, name, amount, actual in _costs_and_answers(closed):
            if actual is None:  # an answer: (item, value)
                answers[figures_id].append((name, float(amount)))
            else:  # a cost: (bearer, planned, actual)
                costs[figures_id].append((name, Decimal(amount).quantize(CENT), Decimal(actual).quantize(CENT)))
    return rows, costs, answers


def _costs_and_answers(closed: QuerySet[Any]) -> QuerySet[Any]:
    """The costs (id, bearer, planned, actual) and answers (id, item, value, NULL) of the records
    `closed` selects, in one query (UNION ALL). The amounts travel as text, so that money stays
    exact whatever type the database gives the combined column (an answer's value is a float)."""
    text: CharField[Any, Any] = CharField()
    costs = CaseFiguresCost.objects.filter(figures_id__in=closed).values_list(
        "figures_id", "bearer", Cast("planned", text), Cast("actual", text)
    )
    answers = CaseFiguresAnswer.objects.filter(figures_id__in=closed).values_list(
        "figures_id", "item", Cast("value", text), Value(None, output_field=text)
    )
    return costs.order_by().union(answers.order_by(), all=True)


class Tally:
    """Counts and sums of a set of records (one cell, or a period being read)."""

    def __init__(self) -> None:
        self.opened = 0
        self.closed = 0
        self.histograms: dict[str, dict[str, int]] = {}
        self.costs: dict[str, list[Any]] = {}  # case type → [cases, planned, actual]
        self.bearers: dict[str, list[Any]] = {}  # cost bearer → [cases, planned, actual]
        self.answers: dict[str, list[Any]] = {}  # item → [answers, sum of values]

    def add(self, measure: str, value: Any, count: int = 1) -> None:
        bucket = self.histograms.setdefault(measure, {})
        name = key(value)
        bucket[name] = bucket.get(name, 0) + count

    def histogram(self, measure: str) -> dict[str, int]:
        return self.histograms.get(measure, {})

    def merge(self, blob: dict[str, Any], sign: int = 1) -> None:
        """Add (or, with sign −1, take away) a stored cell's `histograms` blob."""
        for measure, counts in blob.get("h", {}).items():
            bucket = self.histograms.setdefault(measure, {})
            for name, count in counts.items():
                bucket[name] = bucket.get(name, 0) + sign * count
        for target, source in ((self.costs, blob.get("c", {})), (self.bearers, blob.get("b", {}))):
            for name, (cases, planned, actual) in source.items():
                _add_money(target, name, sign * cases, sign * Decimal(planned), sign * Decimal(actual))
        for item, (count, total) in blob.get("a", {}).items():
            sums = self.answers.setdefault(item, [0, 0.0])
            sums[0] += sign * count
            sums[1] += sign * total

    def blob(self) -> dict[str, Any]:
        """The JSON stored for a cell (zero entries left out)."""
        histograms = {
            measure: {name: count for name, count in counts.items() if count}
            for measure, counts in self.histograms.items()
        }
        return {
            "h": {measure: counts for measure, counts in histograms.items() if counts},
            "c": {name: [cases, str(p), str(a)] for name, (cases, p, a) in self.costs.items() if cases},
            "b": {name: [cases, str(p), str(a)] for name, (cases, p, a) in self.bearers.items() if cases},
            "a": {item: [count, total] for item, (count, total) in self.answers.items() if count},
        }


def _add_money(target: dict[str, list[Any]], name: str, cases: int, planned: Decimal, actual: Decimal) -> None:
    sums = target.setdefault(name, [0, ZERO, ZERO])
    sums[0] += cases
    sums[1] += planned
    sums[2] += actual


def add_opened(tally: Tally, row: dict[str, Any], sign: int = 1) -> None:
    """The record's opening side: counts for the month and day it was opened on."""
    tally.opened += sign
    if row["first_contact_days"] is not None:
        tally.add("first_contact", row["first_contact_days"], sign)
    if row["case_manager_id"] is not None:
        tally.add("manager_opened", row["case_manager_id"], sign)
    if row["rtw_applicable"]:
        if row["closed_on"] is None:
            tally.add("km_open", row["opened_on"].isoformat(), sign)  # censored today: days known when read
        else:
            event = "km_event" if row["outcome"] in RTW_OUTCOMES else "km_censored"
            tally.add(event, row["days_to_close"] or 0, sign)


def add_closed(
    tally: Tally,
    row: dict[str, Any],
    costs: Iterable[tuple[str, Decimal, Decimal]] = (),
    answers: Iterable[tuple[str, float]] = (),
    sign: int = 1,
) -> None:
    """The record's closing side (closed records only): counts for the month and day it was closed on."""
    tally.closed += sign
    if row["case_manager_id"] is not None:
        tally.add("manager_closed", row["case_manager_id"], sign)
    for column in ("days_to_close", *PHASE_COLUMNS):
        if row[column] is not None:
            tally.add(column, row[column], sign)
    if row["rtw_applicable"]:
        tally.add("rtw", "cases", sign)
        if row["outcome"] in RTW_OUTCOMES:
            tally.add("rtw", "returned", sign)
    if row["absence_days_before"] is not None:
        tally.add("absence_before", row["absence_days_before"], sign)
        tally.add("absence_after", row["absence_days_after"] or 0, sign)
    if row["gas_t_score"] is not None:
        tally.add("gas", row["gas_t_score"], sign)
    if row["wai_responses"] >= 2:
        tally.add("wai_change", row["wai_last"] - row["wai_first"], sign)
    if row["has_costs"]:
        _add_money(tally.costs, row["case_type_key"], sign, sign * row["planned_cost"], sign * row["actual_cost"])
    for bearer, planned, actual in costs:
        _add_money(tally.bearers, bearer, sign, sign * planned, sign * actual)
    for item, value in answers:
        sums = tally.answers.setdefault(item, [0, 0.0])
        sums[0] += sign
        sums[1] += sign * value


def values(histogram: dict[str, int], number: type = int) -> list[tuple[Any, int]]:
    """(value, count) pairs in ascending order of value, empty counts left out."""
    return sorted((number(name), count) for name, count in histogram.items() if count)


def total(histogram: dict[str, int]) -> int:
    return sum(histogram.values())


def histogram_median(pairs: list[tuple[Any, int]]) -> float | None:
    """The median of the values a histogram stands for (as `stats.median` of the expanded list)."""
    count = sum(n for _value, n in pairs)
    if not count:
        return None
    wanted = [(count - 1) // 2, count // 2]  # the middle position(s), 0-based
    found: list[Any] = []
    seen = 0
    for value, n in pairs:
        while wanted and wanted[0] < seen + n:
            found.append(value)
            wanted.pop(0)
        seen += n
        if not wanted:
            break
    low, high = found
    return float(low) if count % 2 else float((low + high) / 2)
