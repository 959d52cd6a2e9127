"""People and a case for the plan tests (the pattern of reintegra/cases/tests/conftest.py)."""

import pytest

from tests.support.cases import case_via_api
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)

GOAL = {
    "title": "Rückkehr an den Arbeitsplatz zu 50 %",
    "horizon": "short",
    "priority": 1,
    "due_date": "2026-12-15",
    "indicator": "Arbeitet an 3 Tagen pro Woche je 4 Stunden im Büro",
    "weight": 2,
    "levels": {
        "-2": "Keine Rückkehr, weiterhin arbeitsunfähig",
        "-1": "Rückkehr zu 20 %",
        "0": "Rückkehr zu 50 %",
        "1": "Rückkehr zu 70 %",
        "2": "Volle Rückkehr",
    },
}


def new_case(api, **client):
    return case_via_api(api, client=client)


@pytest.fixture
def goal(api, case):
    response = api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def measure_body(goal_id, **changes):
    return {
        "title": "Arbeitsversuch mit Ergonomie-Abklärung",
        "goals": [goal_id],
        "responsible": "case_manager",
        "start_date": "2026-11-02",
        "due_date": "2026-12-31",
        "planned_cost": "1200.00",
        "cost_bearer": "employer",
        **changes,
    }


@pytest.fixture
def measure(api, case, goal):
    response = api.post(f"/api/v1/cases/{case['id']}/measures/", measure_body(goal["id"]), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def agree(api, case, on="2026-11-02", form="written"):
    response = api.post(f"/api/v1/cases/{case['id']}/plan/agree/", {"agreed_on": on, "form": form}, format="json")
    assert response.status_code == 201, response.content
    return response.json()
