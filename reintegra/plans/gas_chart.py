"""The GAS chart as server-side SVG (no script): the T-score over the reviews with the 50 line
("as expected") drawn and labelled, and below it each goal's level (−2…+2) over the reviews."""

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from reintegra.plans.models import Goal, Review

WIDTH = 720
LEFT, RIGHT = 64, 150
T_TOP, T_HEIGHT = 30, 180
G_TOP, G_HEIGHT = 260, 140
HEIGHT = G_TOP + G_HEIGHT + 50
DASHES = ("", "6 3", "2 3", "10 4 2 4", "1 5")


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12"{klass}>{escape(text)}</text>'


def review_chart_svg(*, reviews: Sequence["Review"], goals: Sequence["Goal"], xml_declaration: bool = True) -> str:
    """`reviews` in the order recorded, with their ratings prefetched; `goals` numbered from 1 as on the plan."""
    plot_w = WIDTH - LEFT - RIGHT
    count = len(reviews)

    def x_of(index: int) -> float:
        return LEFT + (plot_w / 2 if count == 1 else plot_w * index / max(count - 1, 1))

    scores = [r.gas_t_score for r in reviews if r.gas_t_score is not None]
    low = min([20.0, *[s - 5 for s in scores]])
    high = max([80.0, *[s + 5 for s in scores]])

    def y_of_t(value: float) -> float:
        return T_TOP + T_HEIGHT * (high - value) / (high - low)

    def y_of_level(level: int) -> float:
        return G_TOP + G_HEIGHT * (2 - level) / 4

    title = _("GAS T-score over the reviews and each goal's level")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="gas-chart-title" class="gas-chart">',
        f'<title id="gas-chart-title">{escape(title)}</title>',
        _text(LEFT, T_TOP - 12, _("GAS T-score"), cls="chart-heading"),
    ]
    for value in range(int(low // 10 * 10 + 10), int(high) + 1, 10):
        y = y_of_t(value)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(LEFT - 6, y + 4, str(value), anchor="end"))
    y50 = y_of_t(50)
    parts.append(
        f'<line x1="{LEFT}" y1="{y50:.1f}" x2="{LEFT + plot_w}" y2="{y50:.1f}" stroke="#333" '
        'stroke-width="2" stroke-dasharray="8 4" class="expected-line"/>'
    )
    parts.append(_text(LEFT + plot_w + 6, y50 + 4, _("50 = as expected"), cls="expected-label"))
    if not reviews:
        parts.append(_text(LEFT + plot_w / 2, T_TOP + T_HEIGHT / 2, _("No review yet."), anchor="middle"))
    points = [(x_of(i), y_of_t(r.gas_t_score)) for i, r in enumerate(reviews) if r.gas_t_score is not None]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#005ea5" stroke-width="3"/>')
    for (x, y), review in zip(points, [r for r in reviews if r.gas_t_score is not None], strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#005ea5"><title>{review.gas_t_score}</title></circle>'
        )
        parts.append(_text(x, y - 8, f"{review.gas_t_score:.1f}", anchor="middle"))
    # Goal levels
    parts.append(_text(LEFT, G_TOP - 14, _("Level per goal (−2 … +2)"), cls="chart-heading"))
    for level in (-2, -1, 0, 1, 2):
        y = y_of_level(level)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(LEFT - 6, y + 4, f"{level:+d}" if level else "0", anchor="end"))
    for number, goal in enumerate(goals, start=1):
        dash = DASHES[(number - 1) % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        gpoints = []
        for index, review in enumerate(reviews):
            for rating in review.ratings.all():
                if rating.goal_id == goal.pk:
                    gpoints.append((x_of(index), y_of_level(rating.score) + (number - 1) * 2 - len(goals)))
        if len(gpoints) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in gpoints)
            parts.append(f'<polyline points="{path}" fill="none" stroke="#444" stroke-width="2"{dash_attr}/>')
        for x, y in gpoints:
            parts.append(_text(x, y - 4, str(number), anchor="middle"))
        legend_y = G_TOP + 14 * number
        parts.append(
            f'<line x1="{LEFT + plot_w + 6}" y1="{legend_y - 4}" x2="{LEFT + plot_w + 30}" y2="{legend_y - 4}" '
            f'stroke="#444" stroke-width="2"{dash_attr}/>'
        )
        parts.append(_text(LEFT + plot_w + 34, legend_y, f"{number}. {goal.title[:16]}"))
    for index, review in enumerate(reviews):
        parts.append(
            _text(
                x_of(index), HEIGHT - 24, f"{review.date.day}.{review.date.month}.{review.date.year}", anchor="middle"
            )
        )
    parts.append("</svg>")
    svg = "\n".join(parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg) if xml_declaration else svg
