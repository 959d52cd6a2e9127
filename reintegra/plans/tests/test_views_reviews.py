"""The reviews page: the form, the list, the chart (well-formed SVG) and the cost warning."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in a test
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.plans.models import Measure, Review
from reintegra.plans.tests.conftest import GOAL

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def page(case):
    return f"/cases/{case['id']}/reviews/"


def test_page_shows_a_radio_per_level_with_the_level_descriptions(web, case, goal):
    response = web.get(page(case))
    assert response.status_code == 200
    html = response.content.decode()
    field = f"goal_{goal['id'].replace('-', '')}"
    assert html.count(f'name="{field}"') == 5
    for text in GOAL["levels"].values():
        assert text in html
    assert 'name="note"' in html and 'name="date"' in html


def test_posting_the_form_records_a_review(web, case, goal):
    field = f"goal_{goal['id'].replace('-', '')}"
    on = timezone.localdate()
    response = web.post(page(case), {"date": f"{on.day}.{on.month}.{on.year}", field: "1", "note": "Gut"})
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.ratings.get().score == 1 and review.note == "Gut"
    listing = web.get(page(case)).content.decode()
    assert "60,00" in listing or "60.00" in listing


def test_bad_form_is_400_and_stores_nothing(web, case, goal):
    field = f"goal_{goal['id'].replace('-', '')}"
    future = timezone.localdate() + timedelta(days=2)
    for data in (
        {"date": "3.11.2026"},  # goal not rated
        {"date": f"{future.day}.{future.month}.{future.year}", field: "0"},
        {"date": "gestern", field: "0"},
        {"date": "3.11.2026", field: "3"},
    ):
        response = web.post(page(case), data)
        assert response.status_code == 400, data
        assert "error-summary" in response.content.decode()
    assert not Review.objects.exists()


def test_other_people_get_404(client, case, goal, bob, charlie):
    for person in (bob, charlie):
        client.force_login(person)
        assert client.get(page(case)).status_code == 404
        assert client.get(f"{page(case)}chart.svg").status_code == 404


def test_chart_is_well_formed_svg_with_the_expected_line(web, api, case, goal):
    for score in (-1, 0, 2):
        body = {"date": timezone.localdate().isoformat(), "ratings": [{"goal": goal["id"], "score": score}]}
        assert api.post(f"/api/v1/cases/{case['id']}/reviews/", body, format="json").status_code == 201
    response = web.get(f"{page(case)}chart.svg")
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    label = root.find(f".//{SVG}text[@class='expected-label']")
    assert label is not None and (label.text or "").startswith("50 = ")
    assert root.find(f".//{SVG}line[@class='expected-line']") is not None
    assert len(root.findall(f"{SVG}polyline")) == 2  # T-score and the goal's level
    assert "<script" not in response.content.decode()
    # the page embeds it
    assert "expected-line" in web.get(page(case)).content.decode()


def test_empty_chart_is_well_formed(web, case):
    root = ET.fromstring(web.get(f"{page(case)}chart.svg").content)  # noqa: S314 - our own output
    assert root.find(f".//{SVG}line[@class='expected-line']") is not None


def test_cost_warning_where_actual_exceeds_planned(web, case, measure):
    html = web.get(page(case)).content.decode()
    assert "cost-warning" not in html
    Measure.objects.filter(pk=measure["id"]).update(actual_cost=Decimal("1500.00"))
    html = web.get(page(case)).content.decode()
    assert html.count("cost-warning") == 2  # the measure and the case total
    assert "⚠" in html and "übersteigen die geplanten Kosten" in html
    assert "CHF" in html or "EUR" in html


def test_plan_page_links_to_the_reviews(web, case):
    assert page(case) in web.get(f"/cases/{case['id']}/plan/").content.decode()
