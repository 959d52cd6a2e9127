"""The GAS chart as server-side SVG (no script): the T-score over the reviews with the 50 line
("as expected") drawn and labelled, and below it each goal's level (−2…+2) over the reviews."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from reintegra.cases.gas import SCORES
from reintegra.core.svg import content, document, element, line, points, text
from reintegra.plans.models import Goal, Review

WIDTH = 720
LEFT, RIGHT = 64, 150
T_TOP, T_HEIGHT = 30, 180
G_TOP, G_HEIGHT = 260, 140
HEIGHT = G_TOP + G_HEIGHT + 50
DASHES = ("", "6 3", "2 3", "10 4 2 4", "1 5")


def _text(x: float, y: float, label: str, *, anchor: str = "start", cls: str | None = None) -> str:
    return text(float(x), float(y), label, text_anchor=anchor, font_size=12, class_=cls)


def _grid(y: float, plot_w: float) -> str:
    return line(LEFT, float(y), LEFT + plot_w, float(y), stroke="#ddd")


def review_chart_svg(*, reviews: Sequence[Review], goals: Sequence[Goal], xml_declaration: bool = True) -> str:
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
    parts = [_text(LEFT, T_TOP - 12, _("GAS T-score"), cls="chart-heading")]
    for value in range(int(low // 10 * 10 + 10), int(high) + 1, 10):
        y = y_of_t(value)
        parts.append(_grid(y, plot_w))
        parts.append(_text(LEFT - 6, y + 4, str(value), anchor="end"))
    y50 = y_of_t(50)
    parts.append(
        line(
            LEFT, y50, LEFT + plot_w, y50, stroke="#333", stroke_width=2, stroke_dasharray="8 4", class_="expected-line"
        )
    )
    parts.append(_text(LEFT + plot_w + 6, y50 + 4, _("50 = as expected"), cls="expected-label"))
    if not reviews:
        parts.append(_text(LEFT + plot_w / 2, T_TOP + T_HEIGHT / 2, _("No review yet."), anchor="middle"))
    t_points = [(x_of(i), y_of_t(r.gas_t_score)) for i, r in enumerate(reviews) if r.gas_t_score is not None]
    if len(t_points) > 1:
        parts.append(element("polyline", points=points(t_points), fill="none", stroke="#005ea5", stroke_width=3))
    for (x, y), review in zip(t_points, [r for r in reviews if r.gas_t_score is not None], strict=True):
        parts.append(element("circle", content("title", review.gas_t_score), cx=x, cy=y, r=4, fill="#005ea5"))
        parts.append(_text(x, y - 8, f"{review.gas_t_score:.1f}", anchor="middle"))
    # Goal levels
    parts.append(_text(LEFT, G_TOP - 14, _("Level per goal (−2 … +2)"), cls="chart-heading"))
    for level in SCORES:
        y = y_of_level(level)
        parts.append(_grid(y, plot_w))
        parts.append(_text(LEFT - 6, y + 4, f"{level:+d}" if level else "0", anchor="end"))
    for number, goal in enumerate(goals, start=1):
        dash = DASHES[(number - 1) % len(DASHES)] or None
        gpoints = []
        for index, review in enumerate(reviews):
            for rating in review.ratings.all():
                if rating.goal_id == goal.pk:
                    gpoints.append((x_of(index), y_of_level(rating.score) + (number - 1) * 2 - len(goals)))
        if len(gpoints) > 1:
            parts.append(
                element(
                    "polyline",
                    points=points(gpoints),
                    fill="none",
                    stroke="#444",
                    stroke_width=2,
                    stroke_dasharray=dash,
                )
            )
        for x, y in gpoints:
            parts.append(_text(x, y - 4, str(number), anchor="middle"))
        legend_y = G_TOP + 14 * number
        parts.append(
            line(
                LEFT + plot_w + 6,
                legend_y - 4,
                LEFT + plot_w + 30,
                legend_y - 4,
                stroke="#444",
                stroke_width=2,
                stroke_dasharray=dash,
            )
        )
        parts.append(_text(LEFT + plot_w + 34, legend_y, f"{number}. {goal.title[:16]}"))
    for index, review in enumerate(reviews):
        parts.append(
            _text(
                x_of(index), HEIGHT - 24, f"{review.date.day}.{review.date.month}.{review.date.year}", anchor="middle"
            )
        )
    return document(
        *parts,
        width=WIDTH,
        height=HEIGHT,
        title=title,
        title_id="gas-chart-title",
        xml_declaration=xml_declaration,
        class_="gas-chart",
    )
