"""The insights' charts, drawn by the product's one charting module (`core.svg`: `bar_chart`,
`step_chart`). Each has a title and a description; the page shows the table of the same numbers
under it."""

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reintegra.cases.models import PHASE_ORDER, PhaseKey
from reintegra.core.svg import bar_chart, step_chart
from reintegra.insights.presentation import too_few_text
from reintegra.insights.selectors import GAS_BANDS
from reintegra.plans.models import CostBearer


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def insights_charts(figures: dict[str, Any]) -> dict[str, SafeString]:
    previous = figures["previous"]
    series = [_("This period"), _("Period before")]
    missing = too_few_text()
    phases = {key: str(label) for key, label in PhaseKey.choices}
    charts: dict[str, str] = {}
    charts["caseload"] = bar_chart(
        [
            (_("Opened"), [_number(figures["cases"]["opened"]), _number(previous["cases"]["opened"])]),
            (_("Closed"), [_number(figures["cases"]["closed"]), _number(previous["cases"]["closed"])]),
            (_("Open at the end"), [_number(figures["cases"]["open"]), _number(previous["cases"]["open"])]),
        ],
        title=_("Cases opened, closed and open: this period and the one before"),
        title_id="chart-caseload",
        series=series,
        missing_label=missing,
    )
    charts["phases"] = bar_chart(
        [(phases[key], [_number(figures["cases"]["open_by_phase"][key])]) for key in PHASE_ORDER],
        title=_("Open cases by phase"),
        title_id="chart-phases",
        series=[_("Open now")],
        missing_label=missing,
    )
    durations = figures["durations"]["median_days_per_phase"]
    before = previous["durations"]["median_days_per_phase"]
    charts["durations"] = bar_chart(
        [(phases[key], [_number(durations[key]), _number(before[key])]) for key in PHASE_ORDER]
        + [
            (
                _("Opening to closure"),
                [_number(figures["median_days_to_close"]), _number(previous["median_days_to_close"])],
            )
        ],
        title=_("Median days per phase and to closure"),
        title_id="chart-durations",
        series=series,
        missing_label=missing,
    )
    curves = [
        [(point["day"], point["still_absent_share"]) for point in (figures["time_to_rtw"] or [])],
        [(point["day"], point["still_absent_share"]) for point in (previous["time_to_rtw"] or [])],
    ]
    charts["time_to_rtw"] = step_chart(
        curves,
        title=_("Time to return to work (Kaplan–Meier): share still absent by day"),
        title_id="chart-time-to-rtw",
        desc=_("Cases still open are counted as censored; the curve stops where fewer than 5 cases remain."),
        series=series,
        x_label=_("Days since the case was opened"),
        y_label=_("Still absent"),
    )
    charts["gas"] = bar_chart(
        [
            (label, [_number(figures["gas"]["distribution"][label]), _number(previous["gas"]["distribution"][label])])
            for label, _low, _high in GAS_BANDS
        ],  # fmt: skip
        title=_("Final GAS T-scores of the closed cases"),
        title_id="chart-gas",
        series=series,
        missing_label=missing,
    )
    bearers = dict(CostBearer.choices)
    by_bearer = figures["costs"]["by_bearer"]
    charts["costs"] = bar_chart(
        [
            (
                str(bearers.get(key, key)),
                [None, None] if value is None else [float(value["planned"]), float(value["actual"])],
            )
            for key, value in by_bearer.items()
        ]
        or [(_("Costs"), [_number(figures["costs"]["planned"]), _number(figures["costs"]["actual"])])],
        title=_("Planned and actual costs per cost bearer"),
        title_id="chart-costs",
        series=[_("Planned"), _("Actual")],
        missing_label=missing,
    )
    return {key: mark_safe(svg) for key, svg in charts.items()}  # noqa: S308 - built from escaped parts
