"""Goals API: the contract, bad input (nothing stored), versions, change reasons, visibility."""

import copy

import pytest

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseEvent
from reintegra.plans.models import Goal, PlanChange
from reintegra.plans.tests.conftest import GOAL, agree, api_for, new_case

pytestmark = pytest.mark.django_db

# The case through the choke point (with the checklist prefetches every app registers), the
# person's roles and the access-log entry are fixed costs; the goals are one more query.
MAX_QUERIES = 14


def url(case, goal=None):
    base = f"/api/v1/cases/{case['id']}/goals/"
    return f"{base}{goal['id']}/" if goal else base


def test_create_goal_answers_the_contract(api, case):
    response = api.post(url(case), GOAL, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "active"
    assert body["version"] == 1
    assert body["levels"] == GOAL["levels"]
    assert body["priority"] == 1 and body["weight"] == 2 and body["horizon"] == "short"
    assert body["due_date"] == "2026-12-15"
    stored = Goal.objects.get()
    assert stored.indicator == GOAL["indicator"]
    assert stored.level_plus_2 == "Volle Rückkehr"


def test_weight_defaults_to_one(api, case):
    body = {k: v for k, v in GOAL.items() if k != "weight"}
    assert api.post(url(case), body, format="json").json()["weight"] == 1


def _without_level(key):
    body = copy.deepcopy(GOAL)
    del body["levels"][key]
    return body


def _with(**changes):
    return {**copy.deepcopy(GOAL), **changes}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_without_level("-1"), "levels"),
        (_without_level("2"), "levels"),
        (_with(levels={**GOAL["levels"], "0": "   "}), "levels"),
        (_with(levels={**GOAL["levels"], "3": "zu viel"}), "levels"),
        (_with(levels="alle gut"), "levels"),
        (_with(priority=4), "priority"),
        (_with(priority="hoch"), "priority"),
        (_with(weight=0), "weight"),
        (_with(weight="schwer"), "weight"),
        (_with(horizon="soon"), "horizon"),
        (_with(due_date="31.12.2026"), "due_date"),
        (_with(due_date=None), "due_date"),
        (_with(title=""), "title"),
        (_with(indicator=""), "indicator"),
        ({k: v for k, v in GOAL.items() if k != "indicator"}, "indicator"),
        ({k: v for k, v in GOAL.items() if k != "levels"}, "levels"),
    ],
)
def test_bad_goal_is_400_naming_the_field_and_stores_nothing(api, case, body, field):
    events_before = CaseEvent.objects.count()
    response = api.post(url(case), body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Goal.objects.exists()
    assert not PlanChange.objects.exists()
    assert CaseEvent.objects.count() == events_before


def test_missing_level_is_named_inside_levels(api, case):
    response = api.post(url(case), _without_level("-1"), format="json")
    assert "-1" in response.json()["levels"]


def test_malformed_json_is_400(api, case):
    response = api.post(url(case), "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not Goal.objects.exists()


def test_first_goal_puts_planning_in_progress_and_is_on_the_timeline(api, case, goal):
    phases = {p["key"]: p["status"] for p in api.get(f"/api/v1/cases/{case['id']}/").json()["phases"]}
    assert phases["planning"] == "in_progress"
    event = CaseEvent.objects.filter(kind="goal_created").get()
    assert "Rückkehr an den Arbeitsplatz" in event.summary
    # encrypted texts never reach the timeline
    assert event.new["indicator"] == "changed"
    assert "Büro" not in str(event.new)


def test_goal_detail_and_list_are_logged_reads(api, case, goal):
    assert api.get(url(case, goal)).json()["id"] == goal["id"]
    listing = api.get(url(case)).json()
    assert [g["id"] for g in listing["results"]] == [goal["id"]]
    assert listing["next"] is None
    logged = set(AccessLogEntry.objects.filter(case_id=case["id"], action="read").values_list("object_type", flat=True))
    assert {"goal"} <= logged


def test_patch_changes_bumps_version_and_keeps_history(api, case, goal):
    response = api.patch(
        url(case, goal),
        {"version": 1, "priority": 2, "levels": {**GOAL["levels"], "0": "Rückkehr zu 60 %"}},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 2 and body["priority"] == 2 and body["levels"]["0"] == "Rückkehr zu 60 %"
    change = PlanChange.objects.filter(object_id=goal["id"], action="changed").get()
    assert change.fields == ["levels", "priority"]
    assert change.diff["priority"] == {"old": 1, "new": 2}
    assert change.diff["levels"]["old"]["0"] == "Rückkehr zu 50 %"
    event = CaseEvent.objects.get(kind="goal_changed")
    assert event.old["priority"] == 1 and event.new["priority"] == 2
    assert event.new["levels"] == "changed" and "60 %" not in str(event.new)


def test_patch_without_version_is_400(api, case, goal):
    response = api.patch(url(case, goal), {"title": "Anders"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    assert Goal.objects.get().title == GOAL["title"]


def test_stale_version_is_409_and_changes_nothing(api, case, goal):
    assert api.patch(url(case, goal), {"version": 1, "title": "Erste Änderung"}, format="json").status_code == 200
    stale = api.patch(url(case, goal), {"version": 1, "title": "Zweite Änderung"}, format="json")
    assert stale.status_code == 409
    assert "detail" in stale.json()
    stored = Goal.objects.get()
    assert stored.title == "Erste Änderung" and stored.version == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"priority": 4}, "priority"),
        ({"weight": 0}, "weight"),
        ({"status": "done"}, "status"),
        ({"levels": {"0": "x"}}, "levels"),
    ],
)
def test_bad_patch_is_400_and_changes_nothing(api, case, goal, change, field):
    response = api.patch(url(case, goal), {"version": 1, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    stored = Goal.objects.get()
    assert stored.version == 1 and stored.priority == 1 and stored.weight == 2


def test_after_agreement_a_patch_needs_a_change_reason(api, case, goal):
    agree(api, case)
    missing = api.patch(url(case, goal), {"version": 1, "due_date": "2027-01-31"}, format="json")
    assert missing.status_code == 400
    assert "change_reason" in missing.json()
    assert str(Goal.objects.get().due_date) == "2026-12-15"
    ok = api.patch(
        url(case, goal),
        {"version": 1, "due_date": "2027-01-31", "change_reason": "Operation verschiebt die Rückkehr"},
        format="json",
    )
    assert ok.status_code == 200, ok.content
    change = PlanChange.objects.get(object_id=goal["id"], action="changed")
    assert change.reason == "Operation verschiebt die Rückkehr"
    assert change.after_plan_version == 1
    assert change.diff["due_date"] == {"old": "2026-12-15", "new": "2027-01-31"}


def test_goal_status_can_be_set(api, case, goal):
    response = api.patch(url(case, goal), {"version": 1, "status": "achieved"}, format="json")
    assert response.json()["status"] == "achieved"


def test_other_people_get_404_and_nothing_changes(api, case, goal, bob, charlie, dora):
    for person in (bob, charlie, dora):
        other = api_for(person)
        assert other.get(url(case)).status_code == 404
        assert other.get(url(case, goal)).status_code == 404
        assert other.post(url(case), GOAL, format="json").status_code == 404
        assert other.patch(url(case, goal), {"version": 1, "title": "x"}, format="json").status_code == 404
    assert Goal.objects.count() == 1 and Goal.objects.get().version == 1


def test_team_lead_of_the_unit_may_add_goals(lead, case):
    assert api_for(lead).post(url(case), GOAL, format="json").status_code == 201


def test_goal_of_another_case_is_404_on_this_case(api, case, goal):
    other = new_case(api, first_name="Anna")
    assert api.get(f"/api/v1/cases/{other['id']}/goals/{goal['id']}/").status_code == 404


def test_anonymous_is_401(client, case):
    assert client.get(url(case)).status_code == 401


def test_closed_case_refuses_changes_with_409(api, case, goal):
    Case.objects.filter(pk=case["id"]).update(status="closed")
    assert api.post(url(case), GOAL, format="json").status_code == 409
    response = api.patch(url(case, goal), {"version": 1, "title": "x"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "case_closed"
    assert Goal.objects.count() == 1 and Goal.objects.get().title == GOAL["title"]
    assert api.get(url(case, goal)).status_code == 200


def test_goal_list_query_count_does_not_grow(api, case, django_assert_max_num_queries):
    api.post(url(case), GOAL, format="json")
    with django_assert_max_num_queries(MAX_QUERIES) as first:
        api.get(url(case))
    baseline = len(first)  # read now: the next request resets the connection's query log
    for _ in range(5):
        api.post(url(case), GOAL, format="json")
    with django_assert_max_num_queries(baseline):
        listing = api.get(url(case)).json()
    assert len(listing["results"]) == 6


def test_goal_list_paginates(api, case):
    for _ in range(3):
        api.post(url(case), GOAL, format="json")
    first = api.get(url(case), {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1
