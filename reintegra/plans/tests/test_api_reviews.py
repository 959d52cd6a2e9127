"""Reviews and GAS API: the contract, bad input, permissions, T-scores, the series, the schedule."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseEvent, CasePhase, Evaluation
from reintegra.notifications.models import Reminder
from reintegra.plans.checklist import review as review_check
from reintegra.plans.models import Goal, GoalRating, Plan, Review
from reintegra.plans.tests.conftest import GOAL, api_for, new_case

pytestmark = pytest.mark.django_db


def url(case, review=None):
    base = f"/api/v1/cases/{case['id']}/reviews/"
    return f"{base}{review['id']}/" if review else base


def add_goal(api, case, **changes):
    response = api.post(f"/api/v1/cases/{case['id']}/goals/", {**GOAL, **changes}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def today(days=0):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def body(*scores, goals, on=None, note="Gespräch mit Herrn Müller: Schmerzen besser"):
    ratings = [{"goal": g["id"], "score": s} for g, s in zip(goals, scores, strict=True)]
    return {"date": on or today(), "ratings": ratings, "note": note}


def test_record_a_review_answers_the_contract(api, case, goal):
    response = api.post(url(case), body(1, goals=[goal]), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) >= {"id", "date", "ratings", "gas_t_score"}
    assert data["date"] == today() and data["ratings"] == [{"goal": goal["id"], "score": 1}]
    assert data["gas_t_score"] == 60.0  # one goal at +1 (weight 2): 50 + 10·2 / 2
    assert api.get(url(case, data)).json()["note"].startswith("Gespräch")
    assert Review.objects.get().note.startswith("Gespräch")


def test_t_score_check_values_of_the_domain(api, case):
    goals = [add_goal(api, case, weight=1) for _ in range(3)]
    assert api.post(url(case), body(1, 1, 1, goals=goals), format="json").json()["gas_t_score"] == 63.69
    assert api.post(url(case), body(0, 0, 0, goals=goals), format="json").json()["gas_t_score"] == 50.0
    low = api.post(url(case), body(-2, -2, -2, goals=goals), format="json").json()["gas_t_score"]
    assert low == 22.61


def test_weights_count(api, case):
    heavy, light = add_goal(api, case, weight=3), add_goal(api, case, weight=1)
    data = api.post(url(case), body(2, -2, goals=[heavy, light]), format="json").json()
    # 50 + 10·(6 − 2) / √(0.7·10 + 0.3·16) = 61.64
    assert data["gas_t_score"] == 61.64


def test_several_reviews_may_share_a_date(api, case, goal):
    for score in (0, 1):
        assert api.post(url(case), body(score, goals=[goal]), format="json").status_code == 201
    assert Review.objects.count() == 2


def _bad_bodies(goal, other_goal):
    good = {"goal": goal["id"], "score": 0}
    return [
        ({"date": today(), "ratings": [{"goal": goal["id"], "score": 3}]}, "ratings"),
        ({"date": today(), "ratings": [{"goal": goal["id"], "score": -3}]}, "ratings"),
        ({"date": today(), "ratings": [{"goal": goal["id"], "score": "viel"}]}, "ratings"),
        ({"date": today(), "ratings": [good, {"goal": other_goal["id"], "score": 1}]}, "ratings"),
        ({"date": today(), "ratings": [good, good]}, "ratings"),
        ({"date": today(), "ratings": [{"goal": "not-a-uuid", "score": 0}]}, "ratings"),
        ({"date": today(), "ratings": []}, "ratings"),
        ({"date": today(), "ratings": "alle gut"}, "ratings"),
        ({"date": today()}, "ratings"),
        ({"date": today(1), "ratings": [good]}, "date"),
        ({"date": "gestern", "ratings": [good]}, "date"),
        ({"ratings": [good]}, "date"),
        ({"date": today(), "ratings": [good], "note": 5 * "x" * 5000}, "note"),
    ]


def test_bad_input_is_400_naming_the_field_and_stores_nothing(api, case, goal):
    other_case = new_case(api, first_name="Anna")
    other_goal = add_goal(api, other_case)
    for data, field in _bad_bodies(goal, other_goal):
        response = api.post(url(case), data, format="json")
        assert response.status_code == 400, (data, response.content)
        assert field in response.json(), (data, response.json())
    assert not Review.objects.exists() and not GoalRating.objects.exists()
    assert not CaseEvent.objects.filter(kind="review_recorded").exists()


def test_missing_active_goal_is_named(api, case, goal):
    second = add_goal(api, case, title="Schlaf verbessern")
    response = api.post(url(case), body(1, goals=[goal]), format="json")
    assert response.status_code == 400
    assert "Schlaf verbessern" in " ".join(response.json()["ratings"])
    assert not Review.objects.exists()
    # a goal that is no longer active need not be rated
    Goal.objects.filter(pk=second["id"]).update(status="achieved")
    assert api.post(url(case), body(1, goals=[goal]), format="json").status_code == 201


def test_malformed_json_is_400(api, case, goal):
    response = api.generic("POST", url(case), "{date: ", content_type="application/json")
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_closed_case_is_409_and_stores_nothing(api, case, goal):
    Case.objects.filter(pk=case["id"]).update(status="closed")
    response = api.post(url(case), body(0, goals=[goal]), format="json")
    assert response.status_code == 409 and response.json()["code"] == "case_closed"
    assert not Review.objects.exists()


def test_other_people_get_404(api, case, goal, bob, charlie, dora):
    review = api.post(url(case), body(0, goals=[goal]), format="json").json()
    for person in (bob, charlie, dora):
        other = api_for(person)
        assert other.get(url(case)).status_code == 404
        assert other.get(url(case, review)).status_code == 404
        assert other.get(f"/api/v1/cases/{case['id']}/gas/").status_code == 404
        assert other.post(url(case), body(1, goals=[goal]), format="json").status_code == 404
    assert Review.objects.count() == 1


def test_team_lead_may_record(lead, case, goal):
    assert api_for(lead).post(url(case), body(0, goals=[goal]), format="json").status_code == 201


def test_review_of_another_case_is_404(api, case, goal):
    review = api.post(url(case), body(0, goals=[goal]), format="json").json()
    other = new_case(api, first_name="Anna")
    assert api.get(url(other, review)).status_code == 404


def test_saving_touches_monitoring_the_timeline_and_the_access_log(api, case, goal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review = api.post(url(case), body(2, goals=[goal]), format="json").json()
    assert CasePhase.objects.get(case_id=case["id"], key="monitoring").status == "in_progress"
    event = CaseEvent.objects.get(kind="review_recorded")
    assert "Gespräch" not in json.dumps([event.summary, event.old, event.new])
    assert AccessLogEntry.objects.filter(action="change", object_type="review", object_id=review["id"]).exists()
    api.get(url(case))
    assert AccessLogEntry.objects.filter(action="read", object_type="review").exists()


def test_review_moves_the_next_review_and_its_reminder(api, case, goal):
    next_on = timezone.localdate() + timedelta(days=3)
    put = api.put(
        f"/api/v1/cases/{case['id']}/plan/",
        {"review_interval_weeks": 4, "next_review_on": next_on.isoformat(), "version": 0},
        format="json",
    )
    assert put.status_code == 200, put.content
    assert api.post(url(case), body(0, goals=[goal]), format="json").status_code == 201
    plan = Plan.objects.get()
    assert plan.next_review_on == next_on + timedelta(weeks=4)
    reminder = Reminder.objects.get(kind="review_due", case_id=case["id"])
    assert timezone.localdate(reminder.due_at) == plan.next_review_on


def test_without_interval_the_schedule_stays(api, case, goal):
    assert api.post(url(case), body(0, goals=[goal]), format="json").status_code == 201
    assert not Plan.objects.filter(next_review_on__isnull=False).exists()
    assert not Reminder.objects.filter(kind="review_due").exists()


def test_gas_series_in_recorded_order_then_the_evaluation(api, case):
    goals = [add_goal(api, case, weight=1) for _ in range(3)]
    gas_url = f"/api/v1/cases/{case['id']}/gas/"
    assert api.get(gas_url).json() == {"t_score": None, "series": []}
    api.post(url(case), body(0, 0, 0, goals=goals, on=today(-1)), format="json")
    api.post(url(case), body(1, 1, 1, goals=goals, on=today(-5)), format="json")  # recorded later, dated earlier
    series = api.get(gas_url).json()
    assert series == {
        "t_score": 63.69,
        "series": [{"date": today(-1), "t_score": 50.0}, {"date": today(-5), "t_score": 63.69}],
    }
    Evaluation.objects.create(
        case_id=case["id"], final_ratings=[{"goal": g["id"], "score": 2} for g in goals], t_score=None
    )
    data = api.get(gas_url).json()
    assert data["series"][-1] == {"date": today(), "t_score": 77.39} and data["t_score"] == 77.39
    assert len(data["series"]) == 3


def test_checklist_review_needs_every_active_goal(api, case, goal):
    def check():
        fresh = Case.objects.prefetch_related("reviews__ratings", "goals").get(pk=case["id"])
        return review_check(fresh)

    assert check() is False
    api.post(url(case), body(0, goals=[goal]), format="json")
    assert check() is True
    add_goal(api, case, title="Neues Ziel")
    assert check() is False  # the new active goal was never rated
    Goal.objects.filter(title="Neues Ziel").update(status="cancelled")
    assert check() is True


def test_review_list_query_count_does_not_grow(api, case, goal, django_assert_max_num_queries):
    api.post(url(case), body(0, goals=[goal]), format="json")
    with django_assert_max_num_queries(40) as first:
        api.get(url(case))
    baseline = len(first)
    for _ in range(5):
        api.post(url(case), body(1, goals=[goal]), format="json")
    with django_assert_max_num_queries(baseline):
        listing = api.get(url(case)).json()
    assert len(listing["results"]) == 6


def test_review_list_paginates_oldest_first(api, case, goal):
    for score in (-1, 0, 1):
        api.post(url(case), body(score, goals=[goal]), format="json")
    first = api.get(url(case), {"page_size": 2}).json()
    assert [r["ratings"][0]["score"] for r in first["results"]] == [-1, 0] and first["next"]
    assert [r["ratings"][0]["score"] for r in api.get(first["next"]).json()["results"]] == [1]
