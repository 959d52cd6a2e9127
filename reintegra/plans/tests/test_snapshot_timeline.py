"""The pure parts: the field-level diff of two snapshots, the draft rule, the SVG drawing."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in a test
from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from reintegra.plans.snapshot import changed_since, is_empty, plan_diff
from reintegra.plans.timeline import esc, plan_timeline_svg

GOAL = {
    "id": "g1",
    "title": "Ziel",
    "horizon": "short",
    "priority": 1,
    "due_date": "2026-12-01",
    "indicator": "x",
    "weight": 1,
    "levels": {"-2": "a", "-1": "b", "0": "c", "1": "d", "2": "e"},
    "status": "active",
}
MEASURE = {"id": "m1", "title": "Massnahme", "goals": ["g1"], "planned_cost": "10.00", "actual_cost": None, "steps": []}


def snap(goals=(GOAL,), measures=(MEASURE,), **plan):
    return {
        "goals": list(goals),
        "measures": list(measures),
        "review_interval_weeks": 4,
        "next_review_on": None,
        **plan,
    }


def test_diff_names_added_removed_and_changed_fields():
    old = snap()
    new = snap(
        goals=[{**GOAL, "levels": {**GOAL["levels"], "0": "C"}, "priority": 2}, {**GOAL, "id": "g2", "title": "Neu"}],
        measures=[],
        review_interval_weeks=6,
    )
    diff = plan_diff(old, new)
    assert diff["goals"]["added"] == [{"id": "g2", "title": "Neu"}]
    assert diff["measures"]["removed"] == [{"id": "m1", "title": "Massnahme"}]
    assert diff["goals"]["changed"] == [
        {
            "id": "g1",
            "title": "Ziel",
            "fields": {"priority": {"old": 1, "new": 2}, "levels.0": {"old": "c", "new": "C"}},
        }
    ]
    assert diff["plan"] == {"review_interval_weeks": {"old": 4, "new": 6}}
    assert is_empty(plan_diff(old, old))


def test_draft_rule_ignores_book_keeping():
    agreed = snap()
    assert changed_since(agreed, snap())["any"] is False
    paid = snap(measures=[{**MEASURE, "actual_cost": "9.00"}], next_review_on="2026-12-24")
    assert changed_since(agreed, paid)["any"] is False
    dearer = snap(measures=[{**MEASURE, "planned_cost": "20.00"}])
    assert changed_since(agreed, dearer) == {"ids": {"m1"}, "schedule": [], "any": True}
    assert changed_since(None, snap())["any"] is True


def test_esc_makes_ascii_xml():
    assert esc('Müller & <Söhne> "AG"') == "M&#252;ller &amp; &lt;S&#246;hne&gt; &quot;AG&quot;"


class _Steps:
    def __init__(self, steps):
        self._steps = steps

    def all(self):
        return self._steps


class _Step:
    def __init__(self, from_date, workload_percent):
        self.from_date, self.workload_percent = from_date, workload_percent


class _Goal:
    def __init__(self, title, due, status="active"):
        self.title, self.due_date, self.status = title, due, status


class _Measure:
    def __init__(self, title, start, due, status="planned", steps=()):
        self.title, self.start_date, self.due_date, self.status = title, start, due, status
        self.created_at = datetime(2026, 10, 1, tzinfo=UTC)
        self.steps = _Steps(list(steps))


@pytest.mark.parametrize("language", ["de", "en"])
def test_timeline_marks_today_and_overdue_with_words_and_an_icon(language):
    today = date(2026, 11, 20)
    goals = [_Goal("Rückkehr", date(2026, 11, 1)), _Goal("Erreicht", date(2026, 11, 2), status="achieved")]
    measures = [
        _Measure("Ergonomie", date(2026, 10, 1), date(2026, 11, 10)),
        _Measure(
            "Stufen",
            date(2026, 11, 2),
            date(2027, 1, 31),
            steps=[_Step(date(2026, 11, 2), 25), _Step(date(2026, 12, 1), 50)],
        ),
    ]
    with translation.override(language):
        svg = plan_timeline_svg(goals=goals, measures=measures, today=today)
    assert svg.isascii()
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    texts = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]
    overdue = "überfällig" if language == "de" else "overdue"
    assert any("Rückkehr" in t and overdue in t and "(!)" in t for t in texts)
    assert any("Ergonomie" in t and overdue in t for t in texts)
    assert not any("Stufen" in t and overdue in t for t in texts)
    assert not any("Erreicht" in t and overdue in t for t in texts)
    shown_today = "20.11.2026" if language == "de" else "20 Nov 2026"  # the reader's date format
    assert any(t.startswith("Heute" if language == "de" else "Today") and shown_today in t for t in texts)
    assert "25%" in texts and "50%" in texts
    titles = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}title")]
    step = "2.11.2026" if language == "de" else "2 Nov 2026"
    assert any("Stufen" in t and f"{step} 25%" in t for t in titles)


def test_empty_timeline_says_so():
    with translation.override("en"):
        svg = plan_timeline_svg(goals=[], measures=[], today=date(2026, 11, 20), xml_declaration=False)
    assert svg.startswith("<svg") and "No goals or measures yet." in svg
