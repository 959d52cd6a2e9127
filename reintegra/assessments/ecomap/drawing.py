"""Drawing the network map as SVG with the shared primitives of `core.svg` (escaped, ASCII,
presentation attributes only: the CSP forbids inline styles)."""

import math
from collections.abc import Sequence

from django.utils.translation import gettext as _

from reintegra.assessments.ecomap.layout import (
    BANDS,
    CENTRE,
    CLIENT_R,
    FONT,
    FONT_FAMILY,
    INK,
    LABEL_GAP,
    LEGEND_HEIGHT,
    NODE_R,
    PAD,
    SECTORS,
    SIZE,
    NodeLike,
    Placed,
    _quadrant,
    _ring_label_position,
    _sector_label,
    _sector_label_position,
    layout,
)
from reintegra.core.svg import content, document, element, line, rect, text


def _zigzag(x0: float, y0: float, x1: float, y1: float) -> str:
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 40:
        return f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f}"
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    straight, wave, amplitude = 14.0, 7.0, 5.0
    points = [(x0, y0), (x0 + ux * straight, y0 + uy * straight)]
    teeth = max(2, int((length - 2 * straight) // wave))
    step = (length - 2 * straight) / teeth
    for tooth in range(1, teeth):
        along = straight + tooth * step
        side = amplitude if tooth % 2 else -amplitude
        points.append((x0 + ux * along - uy * side, y0 + uy * along + ux * side))
    points += [(x1 - ux * straight, y1 - uy * straight), (x1, y1)]
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _tie_line(placed: Placed) -> list[str]:
    dx, dy = placed.x - CENTRE, placed.y - CENTRE
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    x0, y0 = CENTRE + ux * (CLIENT_R + 3), CENTRE + uy * (CLIENT_R + 3)
    x1, y1 = placed.x - ux * (NODE_R + 3), placed.y - uy * (NODE_R + 3)
    attrs: dict[str, object] = {"fill": "none", "stroke": INK, "stroke_linejoin": "round"}
    support = placed.node.support or ""
    if support in ("gives", "both"):
        attrs["marker_start"] = "url(#arrow-in)"
    if support in ("receives", "both"):
        attrs["marker_end"] = "url(#arrow-out)"
    tie = placed.node.tie
    if tie == "strong":
        return [element("path", d=f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f}", stroke_width=5, **attrs)]
    if tie == "weak":
        straight = f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f}"
        return [element("path", d=straight, stroke_width=2, stroke_dasharray="9 7", **attrs)]
    return [
        element("path", d=_zigzag(x0, y0, x1, y1), stroke_width=2.2, **attrs),
        _stress_mark((x0 + x1) / 2, (y0 + y1) / 2),
    ]


def _stress_mark(x: float, y: float) -> str:
    return element(
        "g",
        element("circle", cx=x, cy=y, r=8, fill="#ffffff", stroke=INK, stroke_width=1.5),
        text(x, y + 5, "!", text_anchor="middle", font_size=13, font_weight="bold"),
    )


def _defs() -> str:
    markers = []
    for marker_id, path in (("arrow-out", "M0,0 L10,5 L0,10 z"), ("arrow-in", "M10,0 L0,5 L10,10 z")):
        marker = element(
            "marker",
            element("path", d=path, fill=INK),
            id=marker_id,
            viewBox="0 0 10 10",
            refX=10 if marker_id == "arrow-out" else 0,
            refY=5,
            markerWidth=14,
            markerHeight=14,
            markerUnits="userSpaceOnUse",
            orient="auto",
        )
        markers.append(marker)
    return element("defs", *markers)


def _background() -> list[str]:
    out = [rect(0, 0, SIZE, SIZE + LEGEND_HEIGHT, fill="#ffffff")]
    for sector, (_start, _end, _corner, tint) in SECTORS.items():
        x0, y0, x1, y1 = _quadrant(sector)
        out.append(rect(x0 - PAD, y0 - PAD, x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD, fill=tint))
    for ring, (_inner, outer) in BANDS.items():
        out.append(element("circle", cx=CENTRE, cy=CENTRE, r=outer, fill="none", stroke="#6b767d", stroke_width=1.5))
        x, y = _ring_label_position(ring)
        out.append(text(x, y, str(ring), text_anchor="middle", font_size=FONT - 2, fill="#4a555c"))
    out.append(line(CENTRE, 0, CENTRE, SIZE, stroke="#6b767d", stroke_width=1.5))
    out.append(line(0, CENTRE, SIZE, CENTRE, stroke="#6b767d", stroke_width=1.5))
    for sector in SECTORS:
        x, y, anchor = _sector_label_position(sector)
        out.append(text(x, y, _sector_label(sector), text_anchor=anchor, font_size=FONT + 2, font_weight="bold"))
    return out


def _client(client_label: str) -> list[str]:
    out = [element("circle", cx=CENTRE, cy=CENTRE, r=CLIENT_R, fill="#ffffff", stroke=INK, stroke_width=3)]
    words = client_label.split()
    rows = [" ".join(words[:1]), " ".join(words[1:])] if len(words) > 1 else [client_label]
    for index, row in enumerate(rows):
        label = row if len(row) <= 12 else row[:11] + "…"
        y = CENTRE + 6 + (index - (len(rows) - 1) / 2) * (FONT + 2)
        out.append(text(CENTRE, y, label, text_anchor="middle", font_size=FONT - 1, font_weight="bold"))
    return out


def _node(placed: Placed) -> str:
    x = placed.x + (NODE_R + LABEL_GAP if placed.east else -(NODE_R + LABEL_GAP))
    return element(
        "g",
        content("title", placed.node.name),
        element(
            "circle", cx=float(placed.x), cy=float(placed.y), r=NODE_R, fill="#ffffff", stroke=INK, stroke_width=2.5
        ),
        text(
            float(x),
            float(placed.y + FONT * 0.35),
            placed.label,
            text_anchor="start" if placed.east else "end",
            font_size=FONT,
            stroke="#ffffff",
            stroke_width=4,
            stroke_linejoin="round",
            paint_order="stroke",
        ),
    )


def _legend() -> list[str]:
    top = SIZE + 14
    out = [line(0, SIZE, SIZE, SIZE, stroke=INK, stroke_width=1)]
    out.append(text(20, top + 20, _("Legend"), font_size=FONT, font_weight="bold"))
    samples = [("strong", _("strong tie")), ("weak", _("weak tie")), ("stressful", _("stressful tie"))]
    for index, (tie, label) in enumerate(samples):
        x0, y = 20 + index * 320, top + 52
        if tie == "strong":
            out.append(element("path", d=f"M{x0},{y} L{x0 + 80},{y}", stroke=INK, stroke_width=5))
        elif tie == "weak":
            out.append(
                element("path", d=f"M{x0},{y} L{x0 + 80},{y}", stroke=INK, stroke_width=2, stroke_dasharray="9 7")
            )
        else:
            out.append(element("path", d=_zigzag(x0, y, x0 + 80, y), stroke=INK, stroke_width=2.2, fill="none"))
            out.append(_stress_mark(x0 + 40, y))
        out.append(text(x0 + 92, y + 5, label, font_size=FONT))
    arrows = [
        ("marker_start", "url(#arrow-in)", _("arrow towards the client: the person gives support")),
        ("marker_end", "url(#arrow-out)", _("arrow away from the client: the person receives support")),
    ]
    for index, (marker, url, label) in enumerate(arrows):
        y = top + 90 + index * 32
        out.append(element("path", d=f"M20,{y} L100,{y}", stroke=INK, stroke_width=2, **{marker: url}))
        out.append(text(112, y + 5, label, font_size=FONT))
    out.append(text(20, top + 162, _("Rings: 1 = close, 2 = middle, 3 = distant"), font_size=FONT))
    return out


def render(nodes: Sequence[NodeLike], *, client_label: str, title: str) -> str:
    """The whole picture as an SVG document (ASCII, with the XML declaration)."""
    summary = _("%(count)s persons in the network.") % {"count": len(nodes)} if nodes else _("No persons recorded yet.")
    placed = layout(nodes)
    parts = [_defs(), *_background()]
    parts.append(element("g", *[part for item in placed for part in _tie_line(item)]))
    parts += _client(client_label)
    parts += [_node(item) for item in placed]
    if not nodes:
        parts.append(text(CENTRE, CENTRE + CLIENT_R + 40, summary, text_anchor="middle", font_size=FONT))
    parts += _legend()
    return document(
        *parts,
        width=SIZE,
        height=SIZE + LEGEND_HEIGHT,
        title=title,
        title_id="map-title",
        desc=summary,
        desc_id="map-desc",
        font_family=FONT_FAMILY,
        fill=INK,
    )
