"""The charts of `core.svg`: accessible (title, description), escaped, ASCII, no inline style."""

from xml.etree import ElementTree

from reintegra.core.svg import SVG_NS, bar_chart, step_chart


def _parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output


def test_bar_chart_is_labelled_and_writes_missing_and_text_values():
    svg = bar_chart(
        [("Eröffnet", [10.0, None]), ("<Abgeschlossen>", ["zu wenige Fälle", 3.0])],
        title="Fälle",
        title_id="chart-x",
        series=["Dieser Zeitraum", "Zeitraum davor"],
        desc="Vergleich",
    )
    root = _parse(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-x chart-x-desc"
    assert root.find(f"{{{SVG_NS}}}title").text == "Fälle"
    texts = [node.text for node in root.iter(f"{{{SVG_NS}}}text")]
    assert "zu wenige Fälle" in texts and "–" in texts and "<Abgeschlossen>" in texts and "10" in texts
    assert svg.isascii() and "style=" not in svg
    assert len(root.findall(f"{{{SVG_NS}}}rect")) == 2 + 2  # two legend boxes, two bars


def test_step_chart_draws_steps():
    svg = step_chart(
        [[(0, 1.0), (10, 0.5), (20, 0.25)], []],
        title="Kurve",
        title_id="chart-km",
        series=["A", "B"],
        x_label="Tage",
        y_label="Anteil",
    )
    root = _parse(svg)
    (curve,) = root.findall(f"{{{SVG_NS}}}polyline")
    coordinates = curve.get("points").split()
    assert len(coordinates) == 5  # three values, two vertical drops
    assert coordinates[1].split(",")[1] == coordinates[0].split(",")[1]  # flat until the step
