"""The plan timeline as SVG: goals (markers at their due date) and measures (bars) against dates.

Today is a marked line; overdue items are drawn in red AND carry an icon and the word
"overdue" (colour is never the only signal; readable printed in black and white).
The output is well-formed XML in pure ASCII: every text is escaped and every non-ASCII
character (umlauts) becomes a numeric character reference.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from reintegra.plans.models import Goal, GoalStatus, Measure, MeasureStatus

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


def esc(text: object) -> str:
    """XML-escaped, quotes included, non-ASCII as character references (&#252; for ü)."""
    return escape(str(text), {'"': "&quot;", "'": "&#39;"}).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _d(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


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
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="plan-timeline-title plan-timeline-desc" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">',
        f'<title id="plan-timeline-title">{esc(title)}</title>',
        f'<desc id="plan-timeline-desc">{esc(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    axis_y = TOP - 14
    parts.append(f'<line x1="{LEFT}" y1="{axis_y}" x2="{RIGHT}" y2="{axis_y}" stroke="{MUTED}"/>')
    for month in _months(first, last):
        mx = x(month)
        parts.append(f'<line x1="{mx}" y1="{axis_y - 4}" x2="{mx}" y2="{height - 40}" stroke="#e3e7ea"/>')
        parts.append(f'<text x="{mx + 2}" y="{axis_y - 6}" fill="{MUTED}">{month.month}.{month.year}</text>')
    if not rows:
        empty = _("No goals or measures yet.")
        parts.append(f'<text x="{LEFT}" y="{TOP + ROW}" fill="{MUTED}">{esc(empty)}</text>')
    y = TOP
    section = ""
    for row in rows:
        if row.kind != section:
            section = row.kind
            heading = _("Goals") if section == "goal" else _("Measures")
            parts.append(f'<text x="8" y="{y + 16}" font-weight="bold" fill="{INK}">{esc(heading)}</text>')
            y += ROW
        parts.append(_row_svg(row, y, x, overdue_word))
        y += ROW
    tx = x(today)
    today_word = _("Today")
    today_label = f"{today_word} {_d(today)}"
    parts.append(
        f'<line x1="{tx}" y1="{axis_y}" x2="{tx}" y2="{y + 4}" stroke="{ACCENT}" stroke-width="2" '
        f'stroke-dasharray="6 3"/>'
    )
    parts.append(f'<text x="{tx + 4}" y="{y + 18}" fill="{ACCENT}" font-weight="bold">{esc(today_label)}</text>')
    legend_y = height - 12
    legend_items = [_("goal due"), _("measure"), overdue_word, _("done")]
    legend = (
        _("Legend:")
        + " "
        + " \u00b7 ".join(
            f"{symbol} {text}" for symbol, text in zip(["\u25c6", "\u25ac", "(!)", "\u2713"], legend_items, strict=True)
        )
    )
    parts.append(f'<text x="8" y="{legend_y}" fill="{MUTED}">{esc(legend)}</text>')
    parts.append("</svg>")
    body = "\n".join(parts)
    # Texts went through esc(); this keeps the document ASCII even if a literal slips in.
    body = body.encode("ascii", "xmlcharrefreplace").decode("ascii")
    if xml_declaration:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body
    return body


def _row_svg(row: _Row, y: int, scale: Callable[[date], float], overdue_word: str) -> str:
    colour = OVERDUE if row.overdue else (DONE if row.done else ACCENT)
    suffix = f" – (!) {overdue_word}" if row.overdue else (" ✓" if row.done else "")
    label = _short(row.label) + suffix
    mid = y + ROW // 2
    out = [f"<g><title>{esc(_tooltip(row, overdue_word))}</title>"]
    out.append(f'<text x="8" y="{mid + 4}" fill="{OVERDUE if row.overdue else INK}">{esc(label)}</text>')
    end_x = scale(row.end)
    if row.kind == "goal":
        points = f"{end_x},{mid - 8} {end_x + 8},{mid} {end_x},{mid + 8} {end_x - 8},{mid}"
        out.append(f'<polygon points="{points}" fill="{colour}" stroke="{INK}"/>')
    else:
        start_x = scale(row.start or row.end)
        width = max(end_x - start_x, 3)
        dash = ' stroke-dasharray="4 2"' if row.overdue else ""
        out.append(
            f'<rect x="{start_x}" y="{mid - 7}" width="{round(width, 1)}" height="14" fill="{colour}" '
            f'fill-opacity="0.85" stroke="{INK}"{dash}/>'
        )
        for day, percent in row.steps:
            sx = scale(day)
            out.append(f'<line x1="{sx}" y1="{mid - 9}" x2="{sx}" y2="{mid + 9}" stroke="{INK}" stroke-width="2"/>')
            out.append(f'<text x="{sx + 2}" y="{mid - 9}" font-size="10" fill="{INK}">{percent}%</text>')
    if row.overdue:
        out.append(f'<circle cx="{end_x + 16}" cy="{mid}" r="7" fill="#ffffff" stroke="{OVERDUE}" stroke-width="2"/>')
        out.append(
            f'<text x="{end_x + 16}" y="{mid + 4}" text-anchor="middle" font-weight="bold" fill="{OVERDUE}">!</text>'
        )
    out.append("</g>")
    return "".join(out)


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
