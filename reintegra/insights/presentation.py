"""The figures as labelled rows — one list for the page's tables, the CSV, the XLSX and the PDF,
so that every export shows exactly what the page shows (suppressed cells included)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from reintegra.cases.case_types import case_type_label_for
from reintegra.cases.models import PHASE_ORDER, CaseType, PhaseKey
from reintegra.insights.selectors import GAS_BANDS
from reintegra.plans.models import CostBearer
from reintegra.questionnaires.wording import satisfaction_item_texts

TOO_FEW = object()  # a suppressed cell


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    current: Any  # a number, a string, None (no cases) or TOO_FEW
    previous: Any
    kind: str = "number"  # number, share (0..1), money, days


def too_few_text() -> str:
    return _("too few cases")


def _get(figures: dict[str, Any], path: str) -> Any:
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def cell(figures: dict[str, Any], path: str) -> Any:
    """The value at `path`; TOO_FEW when it (or the breakdown cell holding it) was suppressed."""
    value = _get(figures, path)
    if value is None:
        suppressed = set(figures.get("suppressed", []))
        parts = path.split(".")
        if any(".".join(parts[:end]) in suppressed for end in range(1, len(parts) + 1)):
            return TOO_FEW
    return value


def _pair(figures: dict[str, Any], path: str) -> tuple[Any, Any]:
    previous = figures.get("previous") or {}
    return cell(figures, path), (cell(previous, path) if previous else None)


def figure_rows(
    figures: dict[str, Any], *, organisation_id: Any, case_types: dict[str, str] | None = None
) -> list[Row]:
    """The labelled rows; `case_types` (key → name) when the caller has read them already."""
    rows: list[Row] = []

    def add(section: str, label: str, path: str, kind: str = "number", compared: bool = True) -> None:
        current, previous = _pair(figures, path)
        rows.append(Row(section, label, current, previous if compared else None, kind))

    phases = dict(PhaseKey.choices)
    caseload = _("Caseload")
    add(caseload, _("Opened in the period"), "cases.opened")
    add(caseload, _("Closed in the period"), "cases.closed")
    add(caseload, _("Open at the end of the period"), "cases.open")
    for key in PHASE_ORDER:
        # Open now: a snapshot of today, the same for both periods (no comparison).
        add(caseload, _("Open now: %(phase)s") % {"phase": phases[key]}, f"cases.open_by_phase.{key}", compared=False)

    durations = _("Durations (median days)")
    add(durations, _("Opening to first contact"), "durations.median_days_to_first_contact", "days")
    for key in PHASE_ORDER:
        add(durations, _("Phase: %(phase)s") % {"phase": phases[key]}, f"durations.median_days_per_phase.{key}", "days")
    add(durations, _("Opening to closure (closed cases only)"), "median_days_to_close", "days")

    outcomes = _("Outcomes")
    add(outcomes, _("Return to work (share of closed BEM and IV cases)"), "rtw_rate", "share")
    add(outcomes, _("GAS: cases with a final T-score"), "gas.cases")
    add(outcomes, _("GAS: median final T-score"), "gas.median_t_score")
    add(outcomes, _("GAS: share with T ≥ 50"), "gas.share_t_50_or_more", "share")
    for label, _low, _high in GAS_BANDS:
        add(outcomes, _("GAS: T-score %(band)s") % {"band": label}, f"gas.distribution.{label}")
    add(outcomes, _("WAI: cases with two or more scores"), "wai.cases")
    add(outcomes, _("WAI: median change from first to last"), "wai.median_change")

    absence = _("Absence (cases with absence data)")
    add(absence, _("Cases"), "absence.cases")
    add(absence, _("Median days absent in the 12 months before"), "absence.median_days_before", "days")
    add(absence, _("Median days absent in the 12 months after closure"), "absence.median_days_after", "days")

    costs = _("Costs of the closed cases' measures")
    add(costs, _("Cases with costs"), "costs.cases")
    add(costs, _("Planned"), "costs.planned", "money")
    add(costs, _("Actual"), "costs.actual", "money")
    bearers = dict(CostBearer.choices)
    keys = sorted(
        set(figures["costs"]["by_bearer"]) | set((figures.get("previous") or {}).get("costs", {}).get("by_bearer", {}))
    )
    for key in keys:
        name = bearers.get(key, key)
        add(costs, _("%(bearer)s: planned") % {"bearer": name}, f"costs.by_bearer.{key}.planned", "money")
        add(costs, _("%(bearer)s: actual") % {"bearer": name}, f"costs.by_bearer.{key}.actual", "money")
    types = (
        case_types
        if case_types is not None
        else dict(CaseType.objects.filter(organisation_id=organisation_id).values_list("key", "name"))
    )
    keys = sorted(
        set(figures["costs"]["by_case_type"])
        | set((figures.get("previous") or {}).get("costs", {}).get("by_case_type", {}))
    )
    for key in keys:
        name = case_type_label_for(key, types.get(key), short=True)
        add(costs, _("%(case_type)s: planned") % {"case_type": name}, f"costs.by_case_type.{key}.planned", "money")
        add(costs, _("%(case_type)s: actual") % {"case_type": name}, f"costs.by_case_type.{key}.actual", "money")

    satisfaction = _("Satisfaction (mean per item, 1 to 4)")
    keys = sorted(set(figures["satisfaction"]) | set((figures.get("previous") or {}).get("satisfaction", {})))
    for key, label in satisfaction_item_texts(keys).items():
        add(satisfaction, label, f"satisfaction.{key}")
    return rows


def trend_rows(figures: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Month, opened, closed (TOO_FEW where hidden)."""
    suppressed = set(figures.get("suppressed", []))
    rows = []
    for entry in figures.get("trend") or []:
        month = entry["month"]
        opened = TOO_FEW if entry["opened"] is None and f"trend.opened.{month}" in suppressed else entry["opened"]
        closed = TOO_FEW if entry["closed"] is None and f"trend.closed.{month}" in suppressed else entry["closed"]
        rows.append((month, opened, closed))
    return rows


def curve_rows(figures: dict[str, Any]) -> list[tuple[int, Any, int]]:
    """The Kaplan–Meier table: day, share still absent, cases at risk."""
    return [(p["day"], p["still_absent_share"], p["at_risk"]) for p in figures.get("time_to_rtw") or []]


def display(value: Any, kind: str = "number") -> str:
    """A cell as the page and the PDF print it."""
    if value is TOO_FEW:
        return too_few_text()
    if value is None or value == "":
        return "–"
    if kind == "share":
        return f"{float(value) * 100:.1f} %"
    if kind == "money":
        return f"{float(value):,.2f}".replace(",", "'")
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{value:.0f}"
    return str(value)


def export_value(value: Any) -> Any:
    """A cell as CSV and XLSX hold it: numbers as numbers, suppressed as words."""
    if value is TOO_FEW:
        return too_few_text()
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value
