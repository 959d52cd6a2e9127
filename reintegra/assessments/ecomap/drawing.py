"""Drawing the network map as SVG (presentation attributes only: the CSP forbids inline styles)."""

import math
import xml.etree.ElementTree as ET  # noqa: S405 - building, not parsing
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


def _sub(parent: ET.Element, tag: str, text: str | None = None, /, **attrs: object) -> ET.Element:
    element = ET.SubElement(parent, tag, {key.rstrip("_").replace("_", "-"): str(v) for key, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


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


def _tie_line(parent: ET.Element, placed: Placed) -> None:
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
        _sub(parent, "path", d=f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f}", stroke_width=5, **attrs)
    elif tie == "weak":
        _sub(
            parent, "path", d=f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f}", stroke_width=2, stroke_dasharray="9 7", **attrs
        )
    else:
        _sub(parent, "path", d=_zigzag(x0, y0, x1, y1), stroke_width=2.2, **attrs)
        _stress_mark(parent, (x0 + x1) / 2, (y0 + y1) / 2)


def _stress_mark(parent: ET.Element, x: float, y: float) -> None:
    mark = _sub(parent, "g")
    _sub(mark, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=8, fill="#ffffff", stroke=INK, stroke_width=1.5)
    _sub(mark, "text", "!", x=f"{x:.1f}", y=f"{y + 5:.1f}", text_anchor="middle", font_size=13, font_weight="bold")


def _defs(svg: ET.Element) -> None:
    defs = _sub(svg, "defs")
    for marker_id, path in (("arrow-out", "M0,0 L10,5 L0,10 z"), ("arrow-in", "M10,0 L0,5 L10,10 z")):
        marker = _sub(
            defs,
            "marker",
            id=marker_id,
            viewBox="0 0 10 10",
            refX=10 if marker_id == "arrow-out" else 0,
            refY=5,
            markerWidth=14,
            markerHeight=14,
            markerUnits="userSpaceOnUse",
            orient="auto",
        )
        _sub(marker, "path", d=path, fill=INK)


def _background(svg: ET.Element) -> None:
    _sub(svg, "rect", x=0, y=0, width=SIZE, height=SIZE + LEGEND_HEIGHT, fill="#ffffff")
    for sector, (_start, _end, _corner, tint) in SECTORS.items():
        x0, y0, x1, y1 = _quadrant(sector)
        _sub(svg, "rect", x=x0 - PAD, y=y0 - PAD, width=x1 - x0 + 2 * PAD, height=y1 - y0 + 2 * PAD, fill=tint)
    for ring, (_inner, outer) in BANDS.items():
        _sub(svg, "circle", cx=CENTRE, cy=CENTRE, r=outer, fill="none", stroke="#6b767d", stroke_width=1.5)
        x, y = _ring_label_position(ring)
        _sub(svg, "text", str(ring), x=x, y=y, text_anchor="middle", font_size=FONT - 2, fill="#4a555c")
    _sub(svg, "line", x1=CENTRE, y1=0, x2=CENTRE, y2=SIZE, stroke="#6b767d", stroke_width=1.5)
    _sub(svg, "line", x1=0, y1=CENTRE, x2=SIZE, y2=CENTRE, stroke="#6b767d", stroke_width=1.5)
    for sector in SECTORS:
        x, y, anchor = _sector_label_position(sector)
        _sub(svg, "text", _sector_label(sector), x=x, y=y, text_anchor=anchor, font_size=FONT + 2, font_weight="bold")


def _client(svg: ET.Element, client_label: str) -> None:
    _sub(svg, "circle", cx=CENTRE, cy=CENTRE, r=CLIENT_R, fill="#ffffff", stroke=INK, stroke_width=3)
    words = client_label.split()
    lines = [" ".join(words[:1]), " ".join(words[1:])] if len(words) > 1 else [client_label]
    for index, line in enumerate(lines):
        text = line if len(line) <= 12 else line[:11] + "…"
        y = CENTRE + 6 + (index - (len(lines) - 1) / 2) * (FONT + 2)
        _sub(svg, "text", text, x=CENTRE, y=f"{y:.1f}", text_anchor="middle", font_size=FONT - 1, font_weight="bold")


def _node(svg: ET.Element, placed: Placed) -> None:
    group = _sub(svg, "g")
    _sub(group, "title", placed.node.name)
    _sub(
        group,
        "circle",
        cx=f"{placed.x:.1f}",
        cy=f"{placed.y:.1f}",
        r=NODE_R,
        fill="#ffffff",
        stroke=INK,
        stroke_width=2.5,
    )
    x = placed.x + (NODE_R + LABEL_GAP if placed.east else -(NODE_R + LABEL_GAP))
    _sub(
        group,
        "text",
        placed.label,
        x=f"{x:.1f}",
        y=f"{placed.y + FONT * 0.35:.1f}",
        text_anchor="start" if placed.east else "end",
        font_size=FONT,
        stroke="#ffffff",
        stroke_width=4,
        stroke_linejoin="round",
        paint_order="stroke",
    )


def _legend(svg: ET.Element) -> None:
    top = SIZE + 14
    _sub(svg, "line", x1=0, y1=SIZE, x2=SIZE, y2=SIZE, stroke=INK, stroke_width=1)
    _sub(svg, "text", _("Legend"), x=20, y=top + 20, font_size=FONT, font_weight="bold")
    samples = [("strong", _("strong tie")), ("weak", _("weak tie")), ("stressful", _("stressful tie"))]
    for index, (tie, label) in enumerate(samples):
        x0, y = 20 + index * 320, top + 52
        if tie == "strong":
            _sub(svg, "path", d=f"M{x0},{y} L{x0 + 80},{y}", stroke=INK, stroke_width=5)
        elif tie == "weak":
            _sub(svg, "path", d=f"M{x0},{y} L{x0 + 80},{y}", stroke=INK, stroke_width=2, stroke_dasharray="9 7")
        else:
            _sub(svg, "path", d=_zigzag(x0, y, x0 + 80, y), stroke=INK, stroke_width=2.2, fill="none")
            _stress_mark(svg, x0 + 40, y)
        _sub(svg, "text", label, x=x0 + 92, y=y + 5, font_size=FONT)
    arrows = [
        ("marker_start", "url(#arrow-in)", _("arrow towards the client: the person gives support")),
        ("marker_end", "url(#arrow-out)", _("arrow away from the client: the person receives support")),
    ]
    for index, (marker, url, label) in enumerate(arrows):
        y = top + 90 + index * 32
        _sub(svg, "path", d=f"M20,{y} L100,{y}", stroke=INK, stroke_width=2, **{marker: url})
        _sub(svg, "text", label, x=112, y=y + 5, font_size=FONT)
    _sub(svg, "text", _("Rings: 1 = close, 2 = middle, 3 = distant"), x=20, y=top + 162, font_size=FONT)


def render(nodes: Sequence[NodeLike], *, client_label: str, title: str) -> str:
    """The whole picture as an SVG document (UTF-8 text)."""
    height = SIZE + LEGEND_HEIGHT
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {SIZE} {height}",
            "width": str(SIZE),
            "height": str(height),
            "role": "img",
            "aria-labelledby": "map-title map-desc",
            "font-family": FONT_FAMILY,
            "fill": INK,
        },
    )
    _sub(svg, "title", title, id="map-title")
    summary = _("%(count)s persons in the network.") % {"count": len(nodes)} if nodes else _("No persons recorded yet.")
    _sub(svg, "desc", summary, id="map-desc")
    _defs(svg)
    _background(svg)
    placed = layout(nodes)
    lines = _sub(svg, "g")
    for item in placed:
        _tie_line(lines, item)
    _client(svg, client_label)
    for item in placed:
        _node(svg, item)
    if not nodes:
        _sub(svg, "text", summary, x=CENTRE, y=CENTRE + CLIENT_R + 40, text_anchor="middle", font_size=FONT)
    _legend(svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode")
