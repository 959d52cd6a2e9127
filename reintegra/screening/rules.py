"""The counting engine: does a person's absence record cross a rule, since when, and why?

Pure functions over plain tuples, so that a whole organisation is screened in one columnar
pass over its absences sorted by person (`services.runs.screening_run`) and the rules can be
property-tested without a database.

Counting (DOMAIN.md, "Eligibility triggers"): days inclusive (start = end is one day); a
partial incapacity counts as a whole day; only days inside the window (the last
`window_days` days up to and including today) count, for every clause; an open absence counts
up to and including today; overlapping absences count each day once.

- total: more than `total_days_over` days, added up over every absence in the window;
- consecutive: one uninterrupted stretch (absences that overlap or follow one another without
  a free day) of at least `consecutive_days_min` days inside the window;
- separate: at least `separate_absences_min` absences (as recorded) that touch the window.
  Counted as recorded rather than as merged stretches, so that a new absence can never turn
  a hit into a miss by bridging two others.

With working days as the unit, a person with n working days per week is taken to work the
first n days of the week (Monday …), and day thresholds scale by n/7 (42 calendar days =
6 weeks = 30 working days for a five-day week).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import pgettext_lazy

CALENDAR = "calendar"
WORKING = "working"

# (start, end or None, kind) — the shape the screening run reads from the database.
AbsenceTuple = tuple[date, date | None, str]


@dataclass(frozen=True)
class RuleSpec:
    """A rule's settings, detached from the model (see `ScreeningRule`)."""

    key: str
    kinds: frozenset[str]
    window_days: int = 365
    counting_unit: str = CALENDAR
    total_days_over: int | None = None
    consecutive_days_min: int | None = None
    separate_absences_min: int | None = None

    @classmethod
    def of(cls, rule: object) -> "RuleSpec":
        return cls(
            key=rule.key,  # type: ignore[attr-defined]
            kinds=frozenset(rule.kinds),  # type: ignore[attr-defined]
            window_days=rule.window_days,  # type: ignore[attr-defined]
            counting_unit=rule.counting_unit,  # type: ignore[attr-defined]
            total_days_over=rule.total_days_over,  # type: ignore[attr-defined]
            consecutive_days_min=rule.consecutive_days_min,  # type: ignore[attr-defined]
            separate_absences_min=rule.separate_absences_min,  # type: ignore[attr-defined]
        )


@dataclass(frozen=True)
class Hit:
    """A rule crossed: when the threshold was crossed, the days counted in the window, the clause, the absences."""

    rule: str
    eligible_since: date
    days: int
    reason: str  # "total" | "consecutive" | "separate"
    absences: tuple[tuple[date, date | None], ...]


def scale(days: int, unit: str, work_days_per_week: int) -> int:
    """A threshold in calendar days expressed in the counting unit (rounded half up)."""
    if unit != WORKING:
        return days
    return (days * work_days_per_week * 2 + 7) // 14


def counted(first: int, last: int, unit: str, work_days_per_week: int) -> int:
    """Days from ordinal `first` to `last` inclusive, in the counting unit."""
    if last < first:
        return 0
    length = last - first + 1
    if unit != WORKING or work_days_per_week >= 7:
        return length
    weeks, rest = divmod(length, 7)
    total = weeks * work_days_per_week
    weekday = (first - 1) % 7  # date.fromordinal(1) is a Monday: weekday 0
    for offset in range(rest):
        if (weekday + offset) % 7 < work_days_per_week:
            total += 1
    return total


def nth_day(first: int, n: int, unit: str, work_days_per_week: int) -> int:
    """The ordinal of the n-th counted day from `first` on (n ≥ 1)."""
    if unit != WORKING or work_days_per_week >= 7:
        return first + n - 1
    day, seen = first, 0
    while True:
        if (day - 1) % 7 < work_days_per_week:
            seen += 1
            if seen == n:
                return day
        day += 1


def evaluate(spec: RuleSpec, rows: Iterable[AbsenceTuple], *, today: date, work_days_per_week: int = 5) -> Hit | None:
    """The hit of `spec` for one person's absences on `today`, or None. The order of `rows` does not matter."""
    today_n = today.toordinal()
    window_start = today_n - spec.window_days + 1
    unit, wdpw = spec.counting_unit, work_days_per_week
    # Clip to the window: (first day, last day, original start, original end) as ordinals.
    clipped: list[tuple[int, int, date, date | None]] = []
    for start, end, kind in rows:
        if kind not in spec.kinds:
            continue
        first = start.toordinal()
        last = today_n if end is None else min(end.toordinal(), today_n)
        if last < first or first > today_n or last < window_start:
            continue
        clipped.append((max(first, window_start), last, start, end))
    if not clipped:
        return None
    # Ties broken on every field (an open end sorts last), so the input order never shows.
    clipped.sort(key=lambda c: (c[0], c[1], c[2], c[3] or date.max))

    # Stretches: absences that overlap or follow one another without a free day.
    stretches: list[list[int]] = []  # [first, last, index of first absence, index past the last]
    for index, (first, last, _start, _end) in enumerate(clipped):
        if stretches and first <= stretches[-1][1] + 1:
            current = stretches[-1]
            current[1] = max(current[1], last)
            current[3] = index + 1
        else:
            stretches.append([first, last, index, index + 1])
    lengths = [counted(first, last, unit, wdpw) for first, last, _a, _b in stretches]
    days = sum(lengths)

    candidates: list[tuple[int, str, Sequence[tuple[int, int, date, date | None]]]] = []
    if spec.total_days_over is not None:
        threshold = scale(spec.total_days_over, unit, wdpw)
        if days > threshold:
            before = 0
            for (first, _last, _a, _b), length in zip(stretches, lengths, strict=True):
                if before + length > threshold:
                    since = nth_day(first, threshold - before + 1, unit, wdpw)
                    candidates.append((since, "total", clipped))
                    break
                before += length
    if spec.consecutive_days_min is not None:
        needed = max(scale(spec.consecutive_days_min, unit, wdpw), 1)
        for (first, _last, a, b), length in zip(stretches, lengths, strict=True):
            if length >= needed:
                candidates.append((nth_day(first, needed, unit, wdpw), "consecutive", clipped[a:b]))
                break  # stretches are in order: the first one that reaches it crossed it first
    if spec.separate_absences_min is not None:
        starts = sorted({start for _f, _l, start, _e in clipped})
        if len(starts) >= spec.separate_absences_min:
            nth_start = starts[spec.separate_absences_min - 1]
            since = max(nth_start.toordinal(), window_start)
            candidates.append((since, "separate", clipped))
    if not candidates:
        return None
    since, reason, contributing = min(candidates, key=lambda c: c[0])
    return Hit(
        rule=spec.key,
        eligible_since=date.fromordinal(since),
        days=days,
        reason=reason,
        absences=tuple((start, end) for _f, _l, start, end in contributing),
    )


def shipped_rules() -> list[dict[str, object]]:
    """The rules every organisation starts with (DOMAIN.md): BEM (§ 167 SGB IX) and IV early detection."""
    return [
        {
            "key": "bem",
            "name": "BEM: mehr als 42 Kalendertage Arbeitsunfähigkeit in 365 Tagen",
            "case_type_key": "bem",
            "kinds": ["illness", "accident"],
            "total_days_over": 42,
        },
        {
            "key": "iv-early",
            "name": "IV-Früherfassung: 30 Tage am Stück oder 4 Absenzen in 365 Tagen",
            "case_type_key": "iv-early",
            "kinds": ["illness", "accident"],
            "consecutive_days_min": 30,
            "separate_absences_min": 4,
        },
    ]


# The shipped rules' names are stored in German as data; while a rule keeps its shipped name it is
# shown in the reader's language (the German translation of each msgid is the stored name).
SHIPPED_RULE_LABELS = {
    "bem": pgettext_lazy("screening rule", "BEM: more than 42 calendar days of incapacity in 365 days"),
    "iv-early": pgettext_lazy("screening rule", "IV early detection: 30 consecutive days or 4 absences in 365 days"),
}


def rule_label(rule: Any) -> str:
    """A screening rule's name in the reader's language (an organisation's own or renamed rule: as stored)."""
    shipped = {str(spec["key"]): spec["name"] for spec in shipped_rules()}
    if rule.key in SHIPPED_RULE_LABELS and rule.name == shipped.get(rule.key):
        return str(SHIPPED_RULE_LABELS[rule.key])
    return str(rule.name or rule.key)
