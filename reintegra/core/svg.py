"""Server-side SVG, written once: escaping, elements, text, lines, rectangles and the document.

The plan timeline, the GAS chart and the network map are drawn with these primitives. Every
text and attribute value goes through `esc`, so names cannot break the markup, and the output
is pure ASCII (umlauts become character references such as `&#252;`) — the same bytes whatever
the response's charset. Presentation attributes only: the Content-Security-Policy forbids
inline styles, so nothing here writes `style`.
"""

from collections.abc import Iterable
from xml.sax.saxutils import escape

SVG_NS = "http://www.w3.org/2000/svg"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def esc(text: object) -> str:
    """XML-escaped, quotes included, non-ASCII as character references (&#252; for ü)."""
    return escape(str(text), {'"': "&quot;", "'": "&#39;"}).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _value(value: object) -> str:
    # Coordinates to a tenth of a unit: enough for any screen or print, and short.
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def attrs(**attributes: object) -> str:
    """` name="value"` pairs; `stroke_width` is written `stroke-width`, `class_` `class`; None is left out."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{esc(_value(value))}"'
        for name, value in attributes.items()
        if value is not None
    )


def element(tag: str, *children: str, **attributes: object) -> str:
    """An element around already-built children (markup, not text: see `text`, `title`)."""
    if not children:
        return f"<{tag}{attrs(**attributes)}/>"
    return f"<{tag}{attrs(**attributes)}>{''.join(children)}</{tag}>"


def content(tag: str, text: object, **attributes: object) -> str:
    """An element holding escaped text, e.g. `content("title", name)`."""
    return f"<{tag}{attrs(**attributes)}>{esc(text)}</{tag}>"


def text(x: float, y: float, label: object, **attributes: object) -> str:
    """A `<text>` at (x, y); anchor and font through `text_anchor=…`, `font_size=…`."""
    return content("text", label, x=x, y=y, **attributes)


def line(x1: float, y1: float, x2: float, y2: float, **attributes: object) -> str:
    return element("line", x1=x1, y1=y1, x2=x2, y2=y2, **attributes)


def rect(x: float, y: float, width: float, height: float, **attributes: object) -> str:
    return element("rect", x=x, y=y, width=width, height=height, **attributes)


def points(coordinates: Iterable[tuple[float, float]]) -> str:
    """The `points` of a polyline or polygon."""
    return " ".join(f"{_value(float(x))},{_value(float(y))}" for x, y in coordinates)


def document(
    *children: str,
    width: float,
    height: float,
    title: str,
    title_id: str,
    desc: str | None = None,
    desc_id: str | None = None,
    xml_declaration: bool = True,
    **attributes: object,
) -> str:
    """A whole accessible picture: `role="img"`, labelled by its `<title>` (and `<desc>`).

    Without `xml_declaration` it can be inlined into an HTML page.
    """
    labelled_by = f"{title_id} {desc_id}" if desc is not None and desc_id else title_id
    head = [content("title", title, id=title_id)]
    if desc is not None and desc_id:
        head.append(content("desc", desc, id=desc_id))
    svg = element(
        "svg",
        *head,
        *children,
        xmlns=SVG_NS,
        viewBox=f"0 0 {_value(width)} {_value(height)}",
        width=width,
        height=height,
        role="img",
        aria_labelledby=labelled_by,
        **attributes,
    )
    return XML_DECLARATION + svg if xml_declaration else svg


# --- Charts -------------------------------------------------------------------------------
# The product's one charting approach: small, accessible, printable SVG charts drawn with the
# primitives above (the insights' curves, distributions and comparisons). Every chart is a
# `document` with a title and a description; pages show a table of the same numbers next to it
# (a chart is never the only place a figure is). No colour alone carries meaning: series are
# named in a legend and differ in pattern (solid and hatched-looking light fill) too.

CHART_INK = "#1f2937"
CHART_GRID = "#d1d5db"
CHART_SERIES = ("#1d4ed8", "#93c5fd")  # dark and light: distinguishable in greyscale print


def _format_number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def bar_chart(
    groups: list[tuple[str, list[float | str | None]]],
    *,
    title: str,
    title_id: str,
    series: list[str],
    missing_label: str = "–",
    desc: str | None = None,
    width: float = 560,
    bar_height: float = 14,
    label_width: float = 150,
    xml_declaration: bool = False,
    font_family: str | None = None,
) -> str:
    """Horizontal bars, one group per row label, one bar per series (e.g. this period and the
    one before). A value of None draws no bar but `missing_label`; a text value is written
    instead of a bar (e.g. "too few cases")."""
    values = [float(value) for _label, row in groups for value in row if isinstance(value, int | float)]
    top = max(values, default=0) or 1
    plot = width - label_width - 70
    group_height = bar_height * len(series) + 10
    legend_height = 20 if len(series) > 1 else 0
    height = legend_height + group_height * max(len(groups), 1) + 10
    parts: list[str] = []
    if len(series) > 1:
        x = label_width
        for index, name in enumerate(series):
            parts.append(rect(x, 4, 10, 10, fill=CHART_SERIES[index % len(CHART_SERIES)], stroke=CHART_INK))
            parts.append(text(x + 14, 13, name, font_size=11, fill=CHART_INK))
            x += 20 + 7 * len(name)
    for row_index, (label, row) in enumerate(groups):
        y = legend_height + row_index * group_height + 5
        parts.append(text(label_width - 6, y + bar_height, label, font_size=11, text_anchor="end", fill=CHART_INK))
        for index, value in enumerate(row):
            bar_y = y + index * bar_height
            if value is None or isinstance(value, str):
                label_text = missing_label if value is None else value
                parts.append(text(label_width + 4, bar_y + bar_height - 3, label_text, font_size=10, fill=CHART_INK))
                continue
            length = max(plot * float(value) / top, 1.0)
            parts.append(
                rect(
                    label_width,
                    bar_y,
                    length,
                    bar_height - 2,
                    fill=CHART_SERIES[index % len(CHART_SERIES)],
                    stroke=CHART_INK,
                )
            )
            parts.append(
                text(
                    label_width + length + 4,
                    bar_y + bar_height - 3,
                    _format_number(float(value)),
                    font_size=10,
                    fill=CHART_INK,
                )
            )
    parts.append(line(label_width, legend_height, label_width, height - 5, stroke=CHART_INK))
    return document(
        *parts,
        width=width,
        height=height,
        title=title,
        title_id=title_id,
        desc=desc,
        desc_id=f"{title_id}-desc" if desc else None,
        xml_declaration=xml_declaration,
        class_="chart",
        font_family=font_family,  # e.g. the PDF's embedded font when a PDF draws the chart
    )


def step_chart(
    curves: list[list[tuple[float, float]]],
    *,
    title: str,
    title_id: str,
    series: list[str],
    x_label: str,
    y_label: str,
    desc: str | None = None,
    width: float = 560,
    height: float = 260,
    xml_declaration: bool = False,
    font_family: str | None = None,
) -> str:
    """Step curves with y between 0 and 1 (e.g. Kaplan–Meier: the share still absent by day);
    each curve is a list of (x, y) points where the value changes, drawn as steps."""
    left, right, top_margin, bottom = 50, 20, 24, 40
    plot_w, plot_h = width - left - right, height - top_margin - bottom
    max_x = max((x for curve in curves for x, _y in curve), default=0) or 1
    parts: list[str] = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = top_margin + plot_h * (1 - tick)
        parts.append(line(left, y, left + plot_w, y, stroke=CHART_GRID))
        parts.append(text(left - 6, y + 4, f"{int(tick * 100)} %", font_size=10, text_anchor="end", fill=CHART_INK))
    for tick in range(5):
        value = max_x * tick / 4
        x = left + plot_w * tick / 4
        parts.append(
            text(
                x,
                top_margin + plot_h + 16,
                _format_number(round(value)),
                font_size=10,
                text_anchor="middle",
                fill=CHART_INK,
            )
        )
    parts.append(text(left + plot_w / 2, height - 6, x_label, font_size=11, text_anchor="middle", fill=CHART_INK))
    parts.append(text(12, top_margin - 8, y_label, font_size=11, fill=CHART_INK))
    parts.append(line(left, top_margin, left, top_margin + plot_h, stroke=CHART_INK))
    parts.append(line(left, top_margin + plot_h, left + plot_w, top_margin + plot_h, stroke=CHART_INK))
    for index, curve in enumerate(curves):
        coordinates: list[tuple[float, float]] = []
        previous_y = None
        for x_value, y_value in curve:
            x = left + plot_w * x_value / max_x
            y = top_margin + plot_h * (1 - y_value)
            if previous_y is not None:
                coordinates.append((x, previous_y))
            coordinates.append((x, y))
            previous_y = y
        if coordinates:
            parts.append(
                element(
                    "polyline",
                    points=points(coordinates),
                    fill="none",
                    stroke=CHART_SERIES[index % len(CHART_SERIES)],
                    stroke_width=2.5 if index == 0 else 2,
                    stroke_dasharray=None if index == 0 else "6 3",
                )
            )
    if len(series) > 1:
        x = left + 140
        for index, name in enumerate(series):
            parts.append(
                line(x, 10, x + 18, 10, stroke=CHART_SERIES[index % len(CHART_SERIES)], stroke_width=2.5,
                     stroke_dasharray=None if index == 0 else "6 3")
            )  # fmt: skip
            parts.append(text(x + 22, 14, name, font_size=11, fill=CHART_INK))
            x += 40 + 7 * len(name)
    return document(
        *parts,
        width=width,
        height=height,
        title=title,
        title_id=title_id,
        desc=desc,
        desc_id=f"{title_id}-desc" if desc else None,
        xml_declaration=xml_declaration,
        class_="chart",
        font_family=font_family,  # e.g. the PDF's embedded font when a PDF draws the chart
    )
