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
