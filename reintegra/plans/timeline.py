"""The plan timeline as SVG: goals (markers at their due date) and measures (bars) against dates.

Today is a marked line; overdue items are drawn in red AND carry an icon and the word
"overdue" (colour is never the only signal; readable printed in black and white).
The output is well-formed XML in pure ASCII: every text is escaped and every non-ASCII
character (umlauts) becomes a numeric character reference.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from reintegra.core.formatting import format_date
from reintegra.core.svg import content, document, element, esc, line, points, rect, text
from reintegra.plans.models import Goal, GoalStatus, Measure, MeasureStatus

__all__ = ["esc", "plan_timeline_svg"]  # `esc` is core.svg's, re-exported for the tests of this drawing

WIDTH = 960
LABEL_W = 300
LEFT = LABEL_W + 10
RIGHT = WIDTH - 20
ROW = 26
TOP = 56
INK = "#1d2327"
MUTED = "#4a555c"
ACCENT = "#0b5c8a"
OVERDUE = "#b00020"
DONE = "#1f6b3a"
OPEN_GOAL = {GoalStatus.ACTIVE}
OPEN_MEASURE = {MeasureStatus.PLANNED, MeasureStatus.ACTIVE}


def _d(day: date) -> str:
    return format_date(day)


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Row:
    kind: str  # "goal" | "measure"
    label: str
    start: date | None
    end: date
    overdue: bool
    done: bool
    steps: list[tuple[date, int]]


def _rows(goals: list[Goal], measures: list[Measure], today: date) -> list[_Row]:
    rows = []
    for goal in goals:
        rows.append(
            _Row(
                kind="goal",
                label=goal.title,
                start=None,
                end=goal.due_date,
                overdue=goal.status in OPEN_GOAL and goal.due_date < today,
                done=goal.status == GoalStatus.ACHIEVED,
                steps=[],
            )
        )
    for measure in measures:
        start = measure.start_date or measure.created_at.date()
        rows.append(
            _Row(
                kind="measure",
                label=measure.title,
                start=min(start, measure.due_date),
                end=measure.due_date,
                overdue=measure.status in OPEN_MEASURE and measure.due_date < today,
                done=measure.status == MeasureStatus.DONE,
                steps=[(step.from_date, step.workload_percent) for step in measure.steps.all()],
            )
        )
    return rows


def _range(rows: list[_Row], today: date) -> tuple[date, date]:
    days = [today] + [row.end for row in rows] + [row.start for row in rows if row.start]
    first, last = min(days) - timedelta(days=7), max(days) + timedelta(days=7)
    if (last - first).days < 42:
        last = first + timedelta(days=42)
    return first, last


def _months(first: date, last: date) -> list[date]:
    months, day = [], date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    step = max(1, len(months) // 12)  # at most about a dozen labels
    return months[::step]


def plan_timeline_svg(*, goals: list[Goal], measures: list[Measure], today: date, xml_declaration: bool = True) -> str:
    """Draw the plan. Reads `measure.steps.all()`: prefetch steps."""
    rows = _rows(goals, measures, today)
    first, last = _range(rows, today)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    height = TOP + ROW * (len(rows) + 2) + 40
    title = _("Plan timeline")
    overdue_word = _("overdue")
    desc = _("Goals (diamonds at their due date) and measures (bars from start to due date); today is marked.")
    parts = [rect(0, 0, WIDTH, height, fill="#ffffff")]
    axis_y = TOP - 14
    parts.append(line(LEFT, axis_y, RIGHT, axis_y, stroke=MUTED))
    for month in _months(first, last):
        mx = x(month)
        parts.append(line(mx, axis_y - 4, mx, height - 40, stroke="#e3e7ea"))
        parts.append(text(mx + 2, axis_y - 6, f"{month.month}.{month.year}", fill=MUTED))
    if not rows:
        parts.append(text(LEFT, TOP + ROW, _("No goals or measures yet."), fill=MUTED))
    y = TOP
    section = ""
    for row in rows:
        if row.kind != section:
            section = row.kind
            heading = _("Goals") if section == "goal" else _("Measures")
            parts.append(text(8, y + 16, heading, font_weight="bold", fill=INK))
            y += ROW
        parts.append(_row_svg(row, y, x, overdue_word))
        y += ROW
    tx = x(today)
    today_word = _("Today")
    today_label = f"{today_word} {_d(today)}"
    parts.append(line(tx, axis_y, tx, y + 4, stroke=ACCENT, stroke_width=2, stroke_dasharray="6 3"))
    parts.append(text(tx + 4, y + 18, today_label, fill=ACCENT, font_weight="bold"))
    legend_y = height - 12
    legend_items = [_("goal due"), _("measure"), overdue_word, _("done")]
    legend = (
        _("Legend:")
        + " "
        + " \u00b7 ".join(
            f"{symbol} {text}" for symbol, text in zip(["\u25c6", "\u25ac", "(!)", "\u2713"], legend_items, strict=True)
        )
    )
    parts.append(text(8, legend_y, legend, fill=MUTED))
    return document(
        *parts,
        width=WIDTH,
        height=height,
        title=title,
        title_id="plan-timeline-title",
        desc=desc,
        desc_id="plan-timeline-desc",
        xml_declaration=xml_declaration,
        font_family="DejaVu Sans, Verdana, sans-serif",
        font_size=12,
    )


def _row_svg(row: _Row, y: int, scale: Callable[[date], float], overdue_word: str) -> str:
    colour = OVERDUE if row.overdue else (DONE if row.done else ACCENT)
    suffix = f" – (!) {overdue_word}" if row.overdue else (" ✓" if row.done else "")
    label = _short(row.label) + suffix
    mid = y + ROW // 2
    out = [content("title", _tooltip(row, overdue_word))]
    out.append(text(8, mid + 4, label, fill=OVERDUE if row.overdue else INK))
    end_x = scale(row.end)
    if row.kind == "goal":
        corners = [(end_x, mid - 8), (end_x + 8, mid), (end_x, mid + 8), (end_x - 8, mid)]
        out.append(element("polygon", points=points(corners), fill=colour, stroke=INK))
    else:
        start_x = scale(row.start or row.end)
        width = round(max(end_x - start_x, 3), 1)
        dash = "4 2" if row.overdue else None
        out.append(
            rect(start_x, mid - 7, width, 14, fill=colour, fill_opacity="0.85", stroke=INK, stroke_dasharray=dash)
        )
        for day, percent in row.steps:
            sx = scale(day)
            out.append(line(sx, mid - 9, sx, mid + 9, stroke=INK, stroke_width=2))
            out.append(text(sx + 2, mid - 9, f"{percent}%", font_size=10, fill=INK))
    if row.overdue:
        out.append(element("circle", cx=end_x + 16, cy=mid, r=7, fill="#ffffff", stroke=OVERDUE, stroke_width=2))
        out.append(text(end_x + 16, mid + 4, "!", text_anchor="middle", font_weight="bold", fill=OVERDUE))
    return element("g", *out)


def _tooltip(row: _Row, overdue_word: str) -> str:
    kind = _("Goal") if row.kind == "goal" else _("Measure")
    due_word = _("due")
    dates = f"{_d(row.start)}–{_d(row.end)}" if row.start else f"{due_word} {_d(row.end)}"
    text = f"{kind}: {row.label}, {dates}"
    if row.steps:
        text += ", " + ", ".join(f"{_d(day)} {percent}%" for day, percent in row.steps)
    if row.overdue:
        text += f" ({overdue_word})"
    return text
