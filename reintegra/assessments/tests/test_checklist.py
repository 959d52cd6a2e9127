"""The assessment phase's checklist: `resources_and_problems` and `assessment_both_perspectives`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.assessments.tests.conftest import NEED, PROBLEM, RESOURCE, api_for

pytestmark = pytest.mark.django_db


def missing(api, case):
    phases = api.get(f"/api/v1/cases/{case['id']}/").json()["phases"]
    return next(phase for phase in phases if phase["key"] == "assessment")["missing"]


def record(api, case, *items):
    response = api.post(
        f"/api/v1/cases/{case['id']}/assessments/", {"date": "2026-11-03", "items": list(items)}, format="json"
    )
    assert response.status_code == 201, response.content


def unrated(item):
    return {**item, "professional_rating": None, "client_rating": None}


def test_nothing_recorded_both_items_missing(api, case):
    assert missing(api, case) == ["assessment_both_perspectives", "resources_and_problems"]


def test_a_need_alone_counts_for_nothing(api, case):
    record(api, case, {**NEED, "professional_rating": 2, "client_rating": 2})
    assert missing(api, case) == ["assessment_both_perspectives", "resources_and_problems"]


def test_problem_and_resource_unrated_name_them_but_lack_perspectives(api, case):
    record(api, case, unrated(PROBLEM), unrated(RESOURCE))
    assert missing(api, case) == ["assessment_both_perspectives"]


def test_problem_and_resource_rated_from_both_sides_complete_the_checklist(api, case):
    record(api, case, PROBLEM, RESOURCE)
    assert missing(api, case) == []
    done = api.post(f"/api/v1/cases/{case['id']}/phases/assessment/complete/", {}, format="json")
    assert done.status_code == 200
    assert done.json()["status"] == "done"


@pytest.mark.parametrize(
    "items",
    [
        # the resource lacks the client's rating
        [PROBLEM, {**RESOURCE, "client_rating": None}],
        # the problem lacks the professionals' rating
        [{**PROBLEM, "professional_rating": None}, RESOURCE],
        # a rated problem and a rated need, the resource unrated
        [PROBLEM, {**NEED, "professional_rating": 1, "client_rating": 1}, unrated(RESOURCE)],
    ],
)
def test_one_perspective_missing_on_the_problem_or_resource(api, case, items):
    record(api, case, *items)
    assert missing(api, case) == ["assessment_both_perspectives"]


def test_rated_problem_and_rated_resource_must_be_in_the_same_assessment(api, case):
    record(api, case, PROBLEM, unrated(RESOURCE))
    record(api, case, unrated(PROBLEM), RESOURCE)
    assert missing(api, case) == ["assessment_both_perspectives"]
    record(api, case, PROBLEM, RESOURCE)
    assert missing(api, case) == []


def test_problems_and_resources_must_be_named_in_the_same_assessment(api, case):
    record(api, case, PROBLEM)
    record(api, case, RESOURCE)
    assert missing(api, case) == ["assessment_both_perspectives", "resources_and_problems"]


def test_zero_is_a_rating(api, case):
    record(api, case, {**PROBLEM, "professional_rating": 0, "client_rating": 0}, {**RESOURCE, "client_rating": 0})
    assert missing(api, case) == []


def test_case_list_computes_the_checklist_without_queries_per_case(api, alice, unit):
    def new_case(index):
        body = {"case_type": "bem", "client": {"first_name": "P", "last_name": f"N{index}"}, "unit": str(unit.pk)}
        created = api.post("/api/v1/cases/", body, format="json").json()
        record(api, created, PROBLEM, RESOURCE)

    new_case(0)
    with CaptureQueriesContext(connection) as one:
        assert api.get("/api/v1/cases/").status_code == 200
    for index in range(1, 5):
        new_case(index)
    with CaptureQueriesContext(connection) as five:
        listing = api.get("/api/v1/cases/").json()["results"]
    assert len(listing) == 5
    assert all(next(p for p in case["phases"] if p["key"] == "assessment")["missing"] == [] for case in listing)
    assert len(five.captured_queries) == len(one.captured_queries)


def test_other_people_cannot_see_the_checklist(case, bob, charlie):
    for outsider in (bob, charlie):
        assert api_for(outsider).get(f"/api/v1/cases/{case['id']}/").status_code == 404
