"""The insights' charts, drawn by the product's one charting module (`core.svg`: `bar_chart`,
`step_chart`). Each has a title and a description; the page shows the table of the same numbers
under it."""

from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reintegra.cases.models import PHASE_ORDER, PhaseKey
from reintegra.core.svg import bar_chart, step_chart
from reintegra.insights.presentation import TOO_FEW, cell, too_few_text
from reintegra.insights.selectors import GAS_BANDS
from reintegra.plans.models import CostBearer


def _values(figures: dict[str, Any], path: str) -> list[float | str | None]:
    """This period's and the period before's value at `path`: a number, "too few cases" or None."""
    result: list[float | str | None] = []
    for source in (figures, figures["previous"]):
        value = cell(source, path)
        result.append(too_few_text() if value is TOO_FEW else (None if value is None else float(value)))
    return result


def chart_titles() -> dict[str, str]:
    """The title of each chart (also the PDF's caption, where SVG titles are not drawn)."""
    return {
        "caseload": _("Cases opened, closed and open: this period and the one before"),
        "phases": _("Open cases by phase"),
        "durations": _("Median days per phase and to closure"),
        "time_to_rtw": _("Time to return to work (Kaplan–Meier): share still absent by day"),
        "gas": _("Final GAS T-scores of the closed cases"),
        "costs": _("Planned and actual costs per cost bearer"),
        "trend": _("Cases opened and closed per month"),
    }


def insights_charts(figures: dict[str, Any], *, font_family: str | None = None) -> dict[str, SafeString]:
    """The page's charts (SVG markup); `font_family` for a PDF that draws them with its own font."""
    titles = chart_titles()
    previous = figures["previous"]
    series = [_("This period"), _("Period before")]
    phases = {key: str(label) for key, label in PhaseKey.choices}
    charts: dict[str, str] = {}
    charts["caseload"] = bar_chart(
        [
            (_("Opened"), _values(figures, "cases.opened")),
            (_("Closed"), _values(figures, "cases.closed")),
            (_("Open at the end"), _values(figures, "cases.open")),
        ],
        title=titles["caseload"],
        title_id="chart-caseload",
        font_family=font_family,
        series=series,
    )
    charts["phases"] = bar_chart(
        [(phases[key], _values(figures, f"cases.open_by_phase.{key}")[:1]) for key in PHASE_ORDER],
        title=titles["phases"],
        title_id="chart-phases",
        font_family=font_family,
        series=[_("Open now")],
    )
    charts["durations"] = bar_chart(
        [(phases[key], _values(figures, f"durations.median_days_per_phase.{key}")) for key in PHASE_ORDER]
        + [(_("Opening to closure"), _values(figures, "median_days_to_close"))],
        title=titles["durations"],
        title_id="chart-durations",
        font_family=font_family,
        series=series,
    )
    curves = [
        [(point["day"], point["still_absent_share"]) for point in (figures["time_to_rtw"] or [])],
        [(point["day"], point["still_absent_share"]) for point in (previous["time_to_rtw"] or [])],
    ]
    charts["time_to_rtw"] = step_chart(
        curves,
        title=titles["time_to_rtw"],
        title_id="chart-time-to-rtw",
        font_family=font_family,
        desc=_("Cases still open are counted as censored; the curve stops where fewer than 5 cases remain."),
        series=series,
        x_label=_("Days since the case was opened"),
        y_label=_("Still absent"),
    )
    charts["gas"] = bar_chart(
        [(label, _values(figures, f"gas.distribution.{label}")) for label, _low, _high in GAS_BANDS],
        title=titles["gas"],
        title_id="chart-gas",
        font_family=font_family,
        series=series,
    )
    bearers = dict(CostBearer.choices)
    groups: list[tuple[str, list[float | str | None]]] = []
    for key in figures["costs"]["by_bearer"]:
        planned, actual = (
            _values(figures, f"costs.by_bearer.{key}.planned"),
            _values(figures, f"costs.by_bearer.{key}.actual"),
        )
        groups.append((str(bearers.get(key, key)), [planned[0], actual[0]]))
    if not groups:
        groups = [(_("Costs"), [_values(figures, "costs.planned")[0], _values(figures, "costs.actual")[0]])]
    charts["costs"] = bar_chart(
        groups,
        title=titles["costs"],
        title_id="chart-costs",
        font_family=font_family,
        series=[_("Planned"), _("Actual")],
    )
    trend = figures.get("trend") or []
    too_few = too_few_text()
    charts["trend"] = bar_chart(
        [
            (
                entry["month"],
                [
                    too_few if entry["opened"] is None and f"trend.opened.{entry['month']}" in figures["suppressed"]
                    else entry["opened"],
                    too_few if entry["closed"] is None and f"trend.closed.{entry['month']}" in figures["suppressed"]
                    else entry["closed"],
                ],
            )
            for entry in trend
        ],
        title=titles["trend"],
        title_id="chart-trend",
        font_family=font_family,
        series=[_("Opened"), _("Closed")],
        bar_height=10,
    )  # fmt: skip
    return {key: mark_safe(svg) for key, svg in charts.items()}  # noqa: S308 - built from escaped parts
