import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.assessments.models import Assessment, AssessmentItem
from reintegra.assessments.tests.conftest import ASSESSMENT, NEED, PROBLEM, RESOURCE, api_for
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent, CasePhase, Participant

pytestmark = pytest.mark.django_db


def url(case, assessment_id=None):
    base = f"/api/v1/cases/{case['id']}/assessments/"
    return f"{base}{assessment_id}/" if assessment_id else base


def test_record_an_assessment_with_both_perspectives(api, case, alice, django_capture_on_commit_callbacks):
    assert CasePhase.objects.get(case_id=case["id"], key="assessment").status == "not_started"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url(case), ASSESSMENT, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["date"] == "2026-11-03"
    assert body["recorded_by"]["id"] == str(alice.pk)
    assert [item["kind"] for item in body["items"]] == ["problem", "resource", "need"]
    problem = body["items"][0]
    assert problem["text"] == "Rückenschmerzen beim Heben"
    assert (problem["professional_rating"], problem["client_rating"]) == (3, 1)
    assert problem["rating_difference"] == 2
    assert problem["perspectives_differ"] is True
    assert problem["client_rating_source"] == "staff"
    assert problem["icf_code"] == "b280"
    assert body["items"][1]["source_name"] == "Frau Müller"
    assert body["items"][1]["perspectives_differ"] is False
    need = body["items"][2]
    assert need["professional_rating"] is None and need["client_rating"] is None
    assert need["client_rating_source"] is None and need["rating_difference"] is None
    # the phase started, the timeline and the access log know
    assert CasePhase.objects.get(case_id=case["id"], key="assessment").status == "in_progress"
    event = CaseEvent.objects.filter(case_id=case["id"], kind="assessment_recorded").get()
    assert event.new["problem"] == 1 and event.new["resource"] == 1 and event.new["need"] == 1
    assert "Rücken" not in str(event.new)
    assert AccessLogEntry.objects.filter(action="change", object_type="assessment", case_id=case["id"]).exists()


def test_item_text_is_encrypted_at_rest(api, case):
    api.post(url(case), ASSESSMENT, format="json")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM assessments_assessmentitem")
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == 3
    assert all("Rücken" not in value and "Ehefrau" not in value for value in stored)


def test_list_and_detail(api, case):
    first = api.post(url(case), {**ASSESSMENT, "date": "2026-10-01"}, format="json").json()
    second = api.post(url(case), {**ASSESSMENT, "date": "2026-11-03"}, format="json").json()
    listing = api.get(url(case))
    assert listing.status_code == 200
    body = listing.json()
    assert [a["id"] for a in body["results"]] == [second["id"], first["id"]]  # newest date first
    assert body["next"] is None
    assert len(body["results"][0]["items"]) == 3
    detail = api.get(url(case, first["id"]))
    assert detail.status_code == 200
    assert detail.json()["date"] == "2026-10-01"
    reads = AccessLogEntry.objects.filter(action="read", object_type="assessment", case_id=case["id"])
    assert reads.filter(object_id=first["id"]).exists()
    assert reads.filter(object_id="").exists()


def test_list_is_cursor_paginated(api, case):
    for day in range(1, 4):
        api.post(url(case), {**ASSESSMENT, "date": f"2026-10-0{day}"}, format="json")
    page = api.get(url(case), {"page_size": 2}).json()
    assert [a["date"] for a in page["results"]] == ["2026-10-03", "2026-10-02"]
    rest = api.get(page["next"]).json()
    assert [a["date"] for a in rest["results"]] == ["2026-10-01"]


def test_list_query_count_does_not_grow_with_assessments(api, case, django_assert_max_num_queries):
    api.post(url(case), ASSESSMENT, format="json")
    with CaptureQueriesContext(connection) as one:
        api.get(url(case))
    for day in range(1, 6):
        api.post(url(case), {**ASSESSMENT, "date": f"2026-10-0{day}"}, format="json")
    with django_assert_max_num_queries(15):
        response = api.get(url(case))
    with CaptureQueriesContext(connection) as six:
        api.get(url(case))
    assert len(response.json()["results"]) == 6
    assert len(six.captured_queries) == len(one.captured_queries)


def test_icf_code_is_normalised_to_lower_case(api, case):
    item = {**PROBLEM, "icf_code": " D850 "}
    response = api.post(url(case), {"date": "2026-11-03", "items": [item]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["items"][0]["icf_code"] == "d850"


@pytest.mark.parametrize("code", ["b152", "d850", "e310", "s7502", "b21020", ""])
def test_valid_icf_codes(api, case, code):
    response = api.post(url(case), {"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": code}]}, format="json")
    assert response.status_code == 201, response.content


def test_source_participant_of_the_case(api, case):
    participant = api.post(
        f"/api/v1/cases/{case['id']}/participants/", {"role": "physician", "name": "Dr. Keller"}, format="json"
    ).json()
    item = {**RESOURCE, "source_name": "", "source_participant": participant["id"]}
    response = api.post(url(case), {"date": "2026-11-03", "items": [item]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["items"][0]["source_participant"] == participant["id"]


def test_source_participant_of_another_case_is_400(api, case, unit):
    other = api.post(
        "/api/v1/cases/",
        {"case_type": "general", "client": {"first_name": "Eva", "last_name": "Andere"}, "unit": str(unit.pk)},
        format="json",
    ).json()
    foreign = Participant.objects.create(case_id=other["id"], role="family", name="Fremd")
    item = {**RESOURCE, "source_participant": str(foreign.pk)}
    response = api.post(url(case), {"date": "2026-11-03", "items": [PROBLEM, item]}, format="json")
    assert response.status_code == 400
    assert "source_participant" in response.json()["items"]["1"]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"items": [PROBLEM]}, ["date"]),
        ({"date": "3.11.2026", "items": [PROBLEM]}, ["date"]),
        ({"date": "2026-13-01", "items": [PROBLEM]}, ["date"]),
        ({"date": "2099-01-01", "items": [PROBLEM]}, ["date"]),
        ({"date": "2026-11-03"}, ["items"]),
        ({"date": "2026-11-03", "items": []}, ["items"]),
        ({"date": "2026-11-03", "items": "Rücken"}, ["items"]),
        ({"date": "2026-11-03", "items": {"domain": "work"}}, ["items"]),
        ({"date": "2026-11-03", "items": ["text"]}, ["items", "0"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "domain": "job"}]}, ["items", "0", "domain"]),
        ({"date": "2026-11-03", "items": [PROBLEM, {**RESOURCE, "kind": "strength"}]}, ["items", "1", "kind"]),
        (
            {"date": "2026-11-03", "items": [{**PROBLEM, "professional_rating": 5}]},
            ["items", "0", "professional_rating"],
        ),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "client_rating": -1}]}, ["items", "0", "client_rating"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "client_rating": "x"}]}, ["items", "0", "client_rating"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "client_rating": 2.5}]}, ["items", "0", "client_rating"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "client_rating": True}]}, ["items", "0", "client_rating"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": "x123"}]}, ["items", "0", "icf_code"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": "b12"}]}, ["items", "0", "icf_code"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": "b123456"}]}, ["items", "0", "icf_code"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": "d85O"}]}, ["items", "0", "icf_code"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": "d850.2"}]}, ["items", "0", "icf_code"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "icf_code": "d٨٥٠"}]}, ["items", "0", "icf_code"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "text": ""}]}, ["items", "0", "text"]),
        ({"date": "2026-11-03", "items": [{**PROBLEM, "text": "   "}]}, ["items", "0", "text"]),
        ({"date": "2026-11-03", "items": [{k: v for k, v in PROBLEM.items() if k != "text"}]}, ["items", "0", "text"]),
        (
            {"date": "2026-11-03", "items": [{**PROBLEM, "source_participant": "nope"}]},
            ["items", "0", "source_participant"],
        ),
    ],
)
def test_bad_input_is_400_naming_the_field_and_stores_nothing(api, case, payload, path):
    response = api.post(url(case), payload, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    for key in path:
        assert key in errors, errors
        errors = errors[key]
    assert not Assessment.objects.exists()
    assert not AssessmentItem.objects.exists()
    assert CasePhase.objects.get(case_id=case["id"], key="assessment").status == "not_started"
    assert not CaseEvent.objects.filter(kind="assessment_recorded").exists()


def test_malformed_json_and_wrong_body_are_400(api, case):
    broken = api.generic("POST", url(case), "{not json", content_type="application/json")
    assert broken.status_code == 400
    listed = api.post(url(case), [ASSESSMENT], format="json")
    assert listed.status_code == 400
    assert not Assessment.objects.exists()


def test_one_bad_item_stores_none_of_them(api, case):
    response = api.post(url(case), {"date": "2026-11-03", "items": [PROBLEM, {**NEED, "domain": "x"}]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["items"]) == ["1"]
    assert not AssessmentItem.objects.exists()


def test_closed_case_is_409_and_stores_nothing(api, case, close_case):
    close_case(case["id"])
    response = api.post(url(case), ASSESSMENT, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "case_closed"
    assert not Assessment.objects.exists()
    assert api.get(url(case)).status_code == 200  # reading stays possible


def test_unknown_and_foreign_assessment_is_404(api, case, unit):
    assert api.get(url(case, "00000000-0000-0000-0000-000000000000")).status_code == 404
    other = api.post(
        "/api/v1/cases/",
        {"case_type": "general", "client": {"first_name": "Eva", "last_name": "Andere"}, "unit": str(unit.pk)},
        format="json",
    ).json()
    elsewhere = api.post(url(other), ASSESSMENT, format="json").json()
    assert api.get(url(case, elsewhere["id"])).status_code == 404


def test_other_case_manager_and_other_organisation_get_404(api, case, bob, charlie):
    saved = api.post(url(case), ASSESSMENT, format="json").json()
    for outsider in (bob, charlie):
        client = api_for(outsider)
        assert client.get(url(case)).status_code == 404
        assert client.get(url(case, saved["id"])).status_code == 404
        assert client.post(url(case), ASSESSMENT, format="json").status_code == 404
    assert Assessment.objects.count() == 1


def test_team_lead_of_the_unit_may_read_and_record(case, lead):
    client = api_for(lead)
    assert client.post(url(case), ASSESSMENT, format="json").status_code == 201
    assert len(client.get(url(case)).json()["results"]) == 1


def test_anonymous_is_401(client, case):
    assert client.get(url(case)).status_code == 401
