"""The monitoring window can be chosen (14, 30, 60 or 90 days) and is remembered per person (#15 item 6)."""

from datetime import timedelta

import pytest

from reintegra.monitoring.models import MonitoringPreference
from reintegra.monitoring.selectors import user_items, window_of
from reintegra.monitoring.tests.conftest import make_case, make_measure
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


def test_a_measure_due_in_17_days_shows_with_a_30_day_window(alice, today):
    case = make_case(alice)
    make_measure(case, today + timedelta(days=17), title="in 17 Tagen")
    assert user_items(alice).items == []  # the default: 14 days
    assert [item.title for item in user_items(alice, window=30).items] == ["in 17 Tagen"]


def test_the_page_remembers_the_choice_per_person(client, alice, bob, today):
    case = make_case(alice)
    make_measure(case, today + timedelta(days=17), title="in 17 Tagen")
    client.force_login(alice)
    assert "in 17 Tagen" not in client.get("/monitoring/").content.decode()
    page = client.get("/monitoring/?window=30").content.decode()
    assert "in 17 Tagen" in page
    assert window_of(alice) == 30
    # The next visit without a choice uses the remembered window; the form shows it.
    page = client.get("/monitoring/").content.decode()
    assert "in 17 Tagen" in page
    assert '<option value="30" selected>' in page
    assert window_of(bob) == 14  # per person
    assert MonitoringPreference.objects.count() == 1


def test_a_window_that_is_not_offered_is_refused_in_the_form_and_ignored(client, alice):
    client.force_login(alice)
    response = client.get("/monitoring/?window=1000")
    assert response.status_code == 200
    assert window_of(alice) == 14


def test_api_takes_the_window_and_defaults_to_the_remembered_one(alice, today):
    case = make_case(alice)
    make_measure(case, today + timedelta(days=50), title="in 50 Tagen")
    api = api_for(alice)
    body = api.get("/api/v1/monitoring/").json()
    assert body["window"] == 14 and body["results"] == []
    body = api.get("/api/v1/monitoring/?window=60").json()
    assert body["window"] == 60 and [item["title"] for item in body["results"]] == ["in 50 Tagen"]
    MonitoringPreference.objects.create(user=alice, window_days=90)
    assert api.get("/api/v1/monitoring/").json()["window"] == 90
    response = api.get("/api/v1/monitoring/?window=7")
    assert response.status_code == 400 and "window" in response.json()
