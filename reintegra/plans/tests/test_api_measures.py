"""Measures API: owner, goals, provider, costs in the organisation's currency, graded-return steps."""

import pytest

from reintegra.cases.models import Case, CaseEvent
from reintegra.network.models import Provider
from reintegra.plans.models import Measure, MeasureStep, PlanChange
from reintegra.plans.tests.conftest import GOAL, agree, api_for, measure_body, new_case

pytestmark = pytest.mark.django_db
MAX_QUERIES = 16


def url(case, measure=None):
    base = f"/api/v1/cases/{case['id']}/measures/"
    return f"{base}{measure['id']}/" if measure else base


@pytest.fixture
def participant(api, case):
    response = api.post(
        f"/api/v1/cases/{case['id']}/participants/",
        {"role": "employer_contact", "name": "Petra Höfliger", "organisation": "Alice AG"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def provider(org):
    return Provider.objects.create(organisation=org, name="Ergo Basel GmbH", category="ergonomics")


def test_create_measure_answers_the_contract(api, case, goal, participant, provider):
    body = measure_body(
        goal["id"],
        responsible=participant["id"],
        provider=str(provider.pk),
        steps=[
            {"from_date": "2026-11-02", "workload_percent": 25},
            {"from_date": "2026-11-30", "workload_percent": 50},
        ],
        resource_person="Schwester Anna (Nachbarin)",
    )
    response = api.post(url(case), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["goals"] == [goal["id"]]
    assert data["responsible"] == participant["id"]
    assert data["responsible_label"] == "Petra Höfliger"
    assert data["provider"] == str(provider.pk) and data["provider_name"] == "Ergo Basel GmbH"
    assert data["planned_cost"] == "1200.00" and data["actual_cost"] is None
    assert data["currency"] == "CHF"
    assert data["cost_bearer"] == "employer" and data["status"] == "planned"
    assert data["steps"] == [
        {"from_date": "2026-11-02", "workload_percent": 25},
        {"from_date": "2026-11-30", "workload_percent": 50},
    ]
    assert data["resource_person"] == "Schwester Anna (Nachbarin)"
    assert data["version"] == 1


def test_currency_is_the_organisations(api, case, goal, org):
    org.currency = "EUR"
    org.save()
    response = api.post(url(case), measure_body(goal["id"]), format="json")
    assert response.json()["currency"] == "EUR"


def test_minimal_measure(api, case, goal):
    body = {"title": "Gespräch mit HR", "goals": [goal["id"]], "responsible": "client", "due_date": "2026-12-01"}
    response = api.post(url(case), body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["planned_cost"] is None and response.json()["provider"] is None


@pytest.fixture
def other_goal(api):
    other = new_case(api, first_name="Anna", last_name="Andere")
    response = api.post(f"/api/v1/cases/{other['id']}/goals/", GOAL, format="json")
    return response.json()


@pytest.fixture
def foreign_participant(api):
    other = new_case(api, first_name="Beat", last_name="Fremd")
    return api.post(
        f"/api/v1/cases/{other['id']}/participants/", {"role": "family", "name": "Fremde Person"}, format="json"
    ).json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"goals": []}, "goals"),
        ({"goals": ["kein-uuid"]}, "goals"),
        ({"goals": ["00000000-0000-0000-0000-000000000000"]}, "goals"),
        ({"responsible": "chef"}, "responsible"),
        ({"responsible": "00000000-0000-0000-0000-000000000000"}, "responsible"),
        ({"planned_cost": "abc"}, "planned_cost"),
        ({"planned_cost": "-5.00"}, "planned_cost"),
        ({"planned_cost": "12.345"}, "planned_cost"),
        ({"actual_cost": "-1"}, "actual_cost"),
        ({"cost_bearer": "state"}, "cost_bearer"),
        ({"status": "finished"}, "status"),
        ({"due_date": None}, "due_date"),
        ({"start_date": "2027-01-10"}, "due_date"),
        ({"provider": "00000000-0000-0000-0000-000000000000"}, "provider"),
        (
            {
                "steps": [
                    {"from_date": "2026-12-01", "workload_percent": 50},
                    {"from_date": "2026-11-10", "workload_percent": 25},
                ]
            },
            "steps",
        ),
        (
            {
                "steps": [
                    {"from_date": "2026-11-10", "workload_percent": 50},
                    {"from_date": "2026-11-10", "workload_percent": 60},
                ]
            },
            "steps",
        ),
        ({"steps": [{"from_date": "2026-11-10", "workload_percent": 0}]}, "steps"),
        ({"steps": [{"from_date": "2026-11-10", "workload_percent": 101}]}, "steps"),
        ({"steps": [{"from_date": "2026-10-01", "workload_percent": 20}]}, "steps"),
        ({"steps": "50%"}, "steps"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_measure_is_400_naming_the_field_and_stores_nothing(api, case, goal, changes, field):
    events_before = CaseEvent.objects.count()
    response = api.post(url(case), measure_body(goal["id"], **changes), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Measure.objects.exists()
    assert not MeasureStep.objects.exists()
    assert not PlanChange.objects.filter(object_type="measure").exists()
    assert CaseEvent.objects.count() == events_before


def test_goal_of_another_case_is_400_naming_goals(api, case, goal, other_goal):
    response = api.post(url(case), measure_body(goal["id"], goals=[goal["id"], other_goal["id"]]), format="json")
    assert response.status_code == 400
    assert "goals" in response.json()
    assert not Measure.objects.exists()


def test_responsible_must_be_a_participant_of_this_case(api, case, goal, foreign_participant):
    response = api.post(url(case), measure_body(goal["id"], responsible=foreign_participant["id"]), format="json")
    assert response.status_code == 400
    assert "responsible" in response.json()
    assert not Measure.objects.exists()


def test_provider_of_another_organisation_is_400(api, case, goal, charlie):
    foreign = Provider.objects.create(organisation=charlie.organisation, name="Fremd AG", category="other")
    response = api.post(url(case), measure_body(goal["id"], provider=str(foreign.pk)), format="json")
    assert response.status_code == 400
    assert "provider" in response.json()


def test_several_bad_fields_are_named_at_once(api, case, goal):
    response = api.post(
        url(case),
        measure_body(goal["id"], responsible="chef", goals=["00000000-0000-0000-0000-000000000000"]),
        format="json",
    )
    assert {"responsible", "goals"} <= set(response.json())


def test_patch_sets_actual_cost_and_keeps_history(api, case, measure):
    response = api.patch(url(case, measure), {"version": 1, "actual_cost": "980.50", "status": "done"}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["actual_cost"] == "980.50" and data["status"] == "done" and data["version"] == 2
    change = PlanChange.objects.get(object_id=measure["id"], action="changed")
    assert change.fields == ["actual_cost", "status"]
    assert change.diff["actual_cost"] == {"old": None, "new": "980.50"}
    event = CaseEvent.objects.get(kind="measure_changed")
    assert event.new["actual_cost"] == "980.50"


def test_patch_replaces_goals_and_steps(api, case, goal, measure):
    second = api.post(f"/api/v1/cases/{case['id']}/goals/", {**GOAL, "title": "Zweites Ziel"}, format="json").json()
    steps = [{"from_date": "2026-11-09", "workload_percent": 30}, {"from_date": "2026-12-07", "workload_percent": 60}]
    response = api.patch(url(case, measure), {"version": 1, "goals": [second["id"]], "steps": steps}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["goals"] == [second["id"]] and response.json()["steps"] == steps
    assert response.json()["version"] == 2
    cleared = api.patch(url(case, measure), {"version": 2, "steps": []}, format="json")
    assert cleared.json()["steps"] == [] and cleared.json()["version"] == 3


def test_moving_the_due_date_before_a_step_is_400(api, case, goal):
    body = measure_body(goal["id"], steps=[{"from_date": "2026-12-20", "workload_percent": 50}])
    created = api.post(url(case), body, format="json").json()
    response = api.patch(url(case, created), {"version": 1, "due_date": "2026-12-10"}, format="json")
    assert response.status_code == 400
    assert "steps" in response.json()
    assert str(Measure.objects.get().due_date) == "2026-12-31"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"planned_cost": "abc"}, "planned_cost"),
        ({"planned_cost": "-3"}, "planned_cost"),
        ({"responsible": "jemand"}, "responsible"),
        ({"goals": []}, "goals"),
        (
            {
                "steps": [
                    {"from_date": "2026-12-01", "workload_percent": 50},
                    {"from_date": "2026-11-10", "workload_percent": 25},
                ]
            },
            "steps",
        ),
    ],
)
def test_bad_patch_changes_nothing(api, case, measure, change, field):
    response = api.patch(url(case, measure), {"version": 1, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    stored = Measure.objects.get()
    assert stored.version == 1 and str(stored.planned_cost) == "1200.00" and stored.goals.count() == 1
    assert not MeasureStep.objects.exists()


def test_missing_and_stale_version(api, case, measure):
    missing = api.patch(url(case, measure), {"title": "x"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    assert api.patch(url(case, measure), {"version": 1, "title": "Erste"}, format="json").status_code == 200
    stale = api.patch(url(case, measure), {"version": 1, "title": "Zweite"}, format="json")
    assert stale.status_code == 409
    assert Measure.objects.get().title == "Erste"


def test_after_agreement_a_patch_needs_a_change_reason(api, case, measure):
    agree(api, case)
    missing = api.patch(url(case, measure), {"version": 1, "planned_cost": "1500.00"}, format="json")
    assert missing.status_code == 400 and "change_reason" in missing.json()
    assert str(Measure.objects.get().planned_cost) == "1200.00"
    ok = api.patch(
        url(case, measure), {"version": 1, "planned_cost": "1500.00", "change_reason": "Offerte höher"}, format="json"
    )
    assert ok.status_code == 200
    assert PlanChange.objects.get(object_id=measure["id"], action="changed").reason == "Offerte höher"


def test_inactive_provider_cannot_be_chosen(api, case, goal, provider):
    provider.active = False
    provider.save()
    response = api.post(url(case), measure_body(goal["id"], provider=str(provider.pk)), format="json")
    assert response.status_code == 400 and "provider" in response.json()
    assert not Measure.objects.filter(case_id=case["id"]).exists()
    assert not CaseEvent.objects.filter(case_id=case["id"], kind="measure_created").exists()
    assert not PlanChange.objects.filter(case_id=case["id"], object_type="measure").exists()


def test_removing_the_responsible_participant_keeps_the_measure(api, case, goal, participant):
    created = api.post(url(case), measure_body(goal["id"], responsible=participant["id"]), format="json").json()
    assert api.delete(f"/api/v1/cases/{case['id']}/participants/{participant['id']}/").status_code == 204
    data = api.get(url(case, created)).json()
    assert data["responsible"] == "" and data["responsible_label"] == "–"


def test_other_people_get_404(api, case, measure, bob, charlie, dora):
    for person in (bob, charlie, dora):
        other = api_for(person)
        assert other.get(url(case)).status_code == 404
        assert other.get(url(case, measure)).status_code == 404
        assert other.patch(url(case, measure), {"version": 1, "title": "x"}, format="json").status_code == 404
    assert Measure.objects.get().version == 1


def test_closed_case_refuses_measures(api, case, goal, measure):
    Case.objects.filter(pk=case["id"]).update(status="closed")
    assert api.post(url(case), measure_body(goal["id"]), format="json").status_code == 409
    assert api.patch(url(case, measure), {"version": 1, "title": "x"}, format="json").status_code == 409
    assert Measure.objects.count() == 1


def test_measure_list_query_count_does_not_grow(api, case, goal, participant, provider, django_assert_max_num_queries):
    body = measure_body(
        goal["id"],
        responsible=participant["id"],
        provider=str(provider.pk),
        steps=[{"from_date": "2026-11-02", "workload_percent": 25}],
    )
    api.post(url(case), body, format="json")
    with django_assert_max_num_queries(MAX_QUERIES) as first:
        api.get(url(case))
    baseline = len(first)  # read now: the next request resets the connection's query log
    for _ in range(5):
        api.post(url(case), body, format="json")
    with django_assert_max_num_queries(baseline):
        listing = api.get(url(case)).json()
    assert len(listing["results"]) == 6
    assert all(m["steps"] and m["provider_name"] for m in listing["results"])
