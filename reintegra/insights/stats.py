"""Pure statistics for the insights (no database): medians, shares, Kaplan–Meier, small cells.

Every figure here is computed from a list of per-case values; `MIN_CASES` is the smallest
number of cases a figure may be shown for (fewer: the figure is `None` and its name is listed in
`suppressed`, so no one can narrow a figure down to one person).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median as _median

MIN_CASES = 5


def median(values: Iterable[float | int]) -> float | None:
    """The median (the mean of the two middle values for an even count), None for no values."""
    data = sorted(values)
    return float(_median(data)) if data else None


def share(hits: int, total: int) -> float | None:
    """`hits / total` rounded to four places, None for no cases."""
    return round(hits / total, 4) if total else None


@dataclass(frozen=True)
class SurvivalStep:
    day: int
    at_risk: int
    events: int
    censored: int
    survival: float  # the estimate just after `day`


def kaplan_meier(observations: Iterable[tuple[int, bool]]) -> list[SurvivalStep]:
    """The Kaplan–Meier product-limit estimate from `(time, event)` pairs (`event` False: censored).

    One step per distinct time with at least one event: S(t) = Π (1 − d_i / n_i) over the event
    times t_i ≤ t, where n_i counts who is still at risk just before t_i (censored at t_i
    included, as usual: a censoring at the same time as an event counts as after it).
    """
    counts: dict[tuple[int, bool], int] = {}
    for observation in observations:
        counts[observation] = counts.get(observation, 0) + 1
    return kaplan_meier_counted(counts)


def kaplan_meier_counted(counts: dict[tuple[int, bool], int]) -> list[SurvivalStep]:
    """`kaplan_meier` from the number of observations per `(time, event)` (a histogram)."""
    per_time: dict[int, list[int]] = {}
    for (time, event), count in counts.items():
        if count:
            per_time.setdefault(time, [0, 0])[0 if event else 1] += count
    at_risk = sum(events + censored for events, censored in per_time.values())
    survival = 1.0
    steps: list[SurvivalStep] = []
    for time in sorted(per_time):
        events, censored = per_time[time]
        if events:
            survival *= 1 - events / at_risk
            steps.append(SurvivalStep(day=time, at_risk=at_risk, events=events, censored=censored, survival=survival))
        at_risk -= events + censored
    return steps


def small(count: int) -> bool:
    """A cell of 1–4 cases is too small to show (0 says nothing about anyone)."""
    return 0 < count < MIN_CASES


def suppress_breakdown(counts: dict[str, int]) -> set[str]:
    """The keys of a breakdown of counts to hide: every small cell, and — when the hidden cells add
    up to fewer than MIN_CASES, so that the total minus the shown ones would reveal them — the
    next smallest cells too, until the hidden ones add up to MIN_CASES or more."""
    hidden = {key for key, count in counts.items() if small(count)}
    if not hidden:
        return hidden
    rest = sorted((count, key) for key, count in counts.items() if key not in hidden and count > 0)
    while sum(counts[key] for key in hidden) < MIN_CASES and rest:
        hidden.add(rest.pop(0)[1])
    return hidden


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None
