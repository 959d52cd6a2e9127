"""API scenarios of issue #19: who reads the insights, small cells, the cases opened in the period."""

from datetime import timedelta

import pytest

from reintegra.insights.tests.conftest import open_case
from tests.support.people import api_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/insights/"


def test_team_lead_and_admin_read_the_figures(lead, admin, data, today):
    for user in (lead, admin):
        response = api_for(user).get(URL, {"from": str(today - timedelta(days=199)), "to": str(today)})
        assert response.status_code == 200, response.content
        body = response.json()
        assert {"cases", "rtw_rate", "median_days_to_close", "time_to_rtw", "gas", "wai", "costs", "satisfaction",
                "suppressed"} <= set(body)  # fmt: skip
        assert set(body["cases"]) >= {"opened", "closed", "open_by_phase"}
        assert set(body["gas"]) >= {"median_t_score", "share_t_50_or_more"}
        assert "median_change" in body["wai"]
        assert {"planned", "actual", "by_bearer"} <= set(body["costs"])
        assert body["median_days_to_close"] == 75.0
        cohort = 8 if user == lead else 9  # the admin sees Zürich's case too
        assert body["time_to_rtw"][0] == {"day": 0, "still_absent_share": 1.0, "at_risk": cohort}


@pytest.mark.parametrize("who", ["alice", "employer", "dora", "charlie"])
def test_others_get_403(who, request):
    user = request.getfixturevalue(who)
    assert api_for(user).get(URL).status_code == 403


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401


def test_small_cells_are_null_and_named(lead, alice, today):
    for days in (3, 2):
        open_case(alice, today - timedelta(days=days))
    body = api_for(lead).get(URL).json()
    assert body["cases"]["opened"] is None
    assert "cases.opened" in body["suppressed"]
    assert body["cases"]["open_by_phase"]["intake"] is None
    assert "cases.open_by_phase.intake" in body["suppressed"]
    assert body["time_to_rtw"] is None and "time_to_rtw" in body["suppressed"]


def test_cases_opened_in_the_period_are_counted(lead, alice, today):
    for days in (1, 5, 10, 20, 30, 40):
        open_case(alice, today - timedelta(days=days))
    open_case(alice, today - timedelta(days=400))  # before the period
    body = api_for(lead).get(URL, {"from": str(today - timedelta(days=60)), "to": str(today)}).json()
    assert body["cases"]["opened"] == 6
    assert body["cases"]["open_by_phase"]["intake"] == 7  # open now, whenever opened
    assert body["previous"]["cases"]["opened"] == 0  # nothing to hide about nobody


@pytest.mark.parametrize(
    ("params", "field"),
    [({"from": "2026-13-01"}, "from"), ({"from": "2026-05-01", "to": "2026-04-01"}, "to"),
     ({"case_type": "nope"}, "case_type"), ({"unit": "00000000-0000-0000-0000-000000000000"}, "unit"),
     ({"unit": "x"}, "unit")],
)  # fmt: skip
def test_bad_filters_answer_400_naming_the_field(lead, params, field):
    response = api_for(lead).get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_a_team_lead_may_not_ask_for_another_unit(lead, zurich, zurich_lead, data):
    assert api_for(lead).get(URL, {"unit": str(zurich.pk)}).status_code == 400
    assert api_for(zurich_lead).get(URL, {"unit": str(zurich.pk)}).status_code == 200
