"""The personal calendar feed (issue #14): icalendar, the person's dates, no client name, renewable."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from reintegra.audit.models import AccessLogEntry
from reintegra.introduce.models import OfficeHourSession
from reintegra.plans.models import Plan
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.measures import measure_create
from tests.support.cases import case_for
from tests.support.people import api_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])
LEVELS = {"-2": "a", "-1": "b", "0": "c", "1": "d", "2": "e"}


def _feed_path(user):
    url = api_for(user).get("/api/v1/calendar/").json()["feed_url"]
    return url[url.index("/calendar/") :]


def test_feed_holds_my_dates_and_never_the_client(alice, bob, org):
    today = timezone.localdate()
    case = case_for(alice, last="Geheimname")
    goal = goal_create(
        actor=alice, case=case, title="Ziel", horizon="short", priority=1,
        due_date=today + timedelta(days=40), indicator="i", levels=LEVELS,
    )  # fmt: skip
    measure_create(
        actor=alice, case=case, title="Rückenschule wegen Bandscheibe", goals=[goal.pk],
        responsible="case_manager", due_date=today + timedelta(days=5),
    )  # fmt: skip
    Plan.objects.update_or_create(case=case, defaults={"next_review_on": today + timedelta(days=7)})
    OfficeHourSession.objects.create(
        organisation=org, title="Sprechstunde CM", starts_at=timezone.now() + timedelta(days=2), capacity=5, host=alice
    )
    case_for(bob, first="Other", last="Person")  # bob's case is not in alice's feed
    response = Client().get(_feed_path(alice))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Geheimname" not in body and "Bandscheibe" not in body and "Person" not in body
    calendar = Calendar.from_ical(response.content)
    summaries = sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))
    assert len(summaries) == 3, summaries
    assert all(case.reference in s for s in summaries if "Sprechstunde" not in s)
    assert any("Sprechstunde CM" in s for s in summaries)
    assert f"/cases/{case.pk}/" in body
    assert AccessLogEntry.objects.filter(object_type="monitoring", detail="calendar feed").exists()


def test_the_address_stays_until_renewed_and_the_old_one_stops(alice):
    first = _feed_path(alice)
    assert _feed_path(alice) == first
    renewed = api_for(alice).post("/api/v1/calendar/renew/")
    assert renewed.status_code == 200
    second = renewed.json()["feed_url"]
    assert Client().get(first).status_code == 404
    assert Client().get(second[second.index("/calendar/") :]).status_code == 200
    assert Client().get("/calendar/nonsense.ics").status_code == 404


def test_deactivated_people_and_portal_accounts_have_no_feed(alice, employer):
    path = _feed_path(alice)
    alice.is_active = False
    alice.save()
    assert Client().get(path).status_code == 404
    assert api_for(employer).get("/api/v1/calendar/").status_code == 403


def test_calendar_page_shows_and_renews(alice):
    web = Client()
    web.force_login(alice)
    page = web.get("/calendar/").content.decode()
    path = _feed_path(alice)
    assert path in page
    renewed = web.post("/calendar/")
    assert renewed.status_code == 200 and path not in renewed.content.decode()
