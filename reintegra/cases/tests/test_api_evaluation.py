import datetime

import pytest

from reintegra.cases.models import Case, CasePhase, Evaluation
from reintegra.cases.tests.conftest import api_for
from reintegra.plans.models import Goal

pytestmark = pytest.mark.django_db


def goal(case_id, title, weight=1):
    return Goal.objects.create(
        case_id=case_id,
        title=title,
        horizon="short",
        priority=1,
        due_date=datetime.date(2027, 1, 31),
        indicator="Pensum",
        weight=weight,
        level_minus_2="a",
        level_minus_1="b",
        level_0="c",
        level_plus_1="d",
        level_plus_2="e",
    )


@pytest.fixture
def goals(case):
    return [goal(case["id"], "Pensum 50 %", weight=3), goal(case["id"], "Ergonomischer Arbeitsplatz", weight=5)]


def body(goals, **extra):
    return {
        "outcome": "rtw_partial",
        "final_ratings": [{"goal": str(goals[0].pk), "score": 1}, {"goal": str(goals[1].pk), "score": 0}],
        "summary": "Teilweise Rückkehr an den Arbeitsplatz",
        "aftercare_needed": False,
        "satisfaction": "asked",
        "version": 1,
        **extra,
    }


def test_empty_evaluation_then_complete_one_finishes_the_phase(api, case, goals):
    url = f"/api/v1/cases/{case['id']}/evaluation/"
    assert api.get(url).json() == {
        "outcome": None,
        "final_ratings": [],
        "t_score": None,
        "summary": "",
        "aftercare_needed": None,
        "follow_up_on": None,
        "satisfaction": None,
        "version": 1,
    }
    saved = api.put(url, body(goals), format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["t_score"] == 54.57  # (1·3 + 0·5) / √(0.7·34 + 0.3·64)
    assert saved.json()["version"] == 2
    assert CasePhase.objects.get(key="evaluation").status == "done"
    closed = api.post(
        f"/api/v1/cases/{case['id']}/close/", {"reason": "goals_achieved", "agreed_with_client": True}, format="json"
    )
    assert closed.status_code == 200


def test_missing_goal_rating_leaves_the_phase_open(api, case, goals):
    url = f"/api/v1/cases/{case['id']}/evaluation/"
    partial = body(goals, final_ratings=[{"goal": str(goals[0].pk), "score": 2}])
    assert api.put(url, partial, format="json").status_code == 200
    phase = next(p for p in api.get(f"/api/v1/cases/{case['id']}/").json()["phases"] if p["key"] == "evaluation")
    assert phase["status"] == "in_progress"
    assert phase["missing"] == ["final_ratings"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"outcome": "achieved"}, "outcome"),  # a 'general' outcome on a BEM case
        ({"summary": ""}, "summary"),
        ({"aftercare_needed": True}, "follow_up_on"),
        ({"aftercare_needed": "ja"}, "aftercare_needed"),
        ({"satisfaction": "happy"}, "satisfaction"),
        ({"final_ratings": [{"goal": "00000000-0000-0000-0000-000000000000", "score": 1}]}, "final_ratings"),
        ({"final_ratings": [{"goal": "x", "score": 3}]}, "final_ratings"),
        ({"version": None}, "version"),
    ],
)
def test_bad_evaluation_is_400_and_stores_nothing(api, case, goals, change, field):
    response = api.put(f"/api/v1/cases/{case['id']}/evaluation/", body(goals, **change), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Evaluation.objects.exists()
    assert Case.objects.get().version == 1


def test_goal_of_another_case_is_refused(api, case, goals):
    other = api.post(
        "/api/v1/cases/", {"case_type": "bem", "client": {"first_name": "A", "last_name": "B"}}, format="json"
    ).json()
    foreign = goal(other["id"], "Fremd")
    response = api.put(
        f"/api/v1/cases/{case['id']}/evaluation/",
        body(goals, final_ratings=[{"goal": str(foreign.pk), "score": 0}]),
        format="json",
    )
    assert response.status_code == 400


def test_stale_version_and_other_people(api, case, goals, bob):
    url = f"/api/v1/cases/{case['id']}/evaluation/"
    api.put(url, body(goals), format="json")
    assert api.put(url, body(goals, summary="anders"), format="json").status_code == 409
    assert api_for(bob).get(url).status_code == 404
