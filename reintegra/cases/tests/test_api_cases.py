import pytest

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseEvent, Client
from reintegra.cases.tests.conftest import NEW_CASE, api_for

pytestmark = pytest.mark.django_db


def test_create_case_answers_the_contract(api, alice):
    response = api.post("/api/v1/cases/", NEW_CASE, format="json")
    assert response.status_code == 201
    body = response.json()
    year = body["opened_on"][:4]
    assert body["reference"] == f"BEM-{year}-0001"
    assert body["case_type"]["key"] == "bem"
    assert body["status"] == "open"
    assert body["client"]["first_name"] == "Jürg"
    assert body["case_manager"] == {"id": str(alice.pk), "display_name": "Alice Owner"}
    assert body["version"] == 1
    assert [p["key"] for p in body["phases"]] == [
        "intake",
        "assessment",
        "planning",
        "monitoring",
        "evaluation",
    ]
    assert body["phases"][0]["status"] == "in_progress"
    assert all(p["status"] == "not_started" for p in body["phases"][1:])
    assert "decision" in body["phases"][0]["missing"]
    assert body["commissioning_party"] == {"name": "Alice AG HR", "kind": "employer"}
    # the same client again: a new case only once it is confirmed as someone else (or sent as client_id)
    assert api.post("/api/v1/cases/", NEW_CASE, format="json").json()["code"] == "possible_duplicate"
    second = api.post("/api/v1/cases/", {**NEW_CASE, "confirm_new_client": True}, format="json").json()
    assert second["reference"] == f"BEM-{year}-0002"
    assert CaseEvent.objects.filter(case_id=body["id"], kind="case_created").exists()


def test_summary_is_encrypted_at_rest(case):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT summary FROM cases_case")
        stored = cursor.fetchone()[0]
    assert "Rückenschmerzen" not in stored
    assert Case.objects.get().summary.startswith("Rückenschmerzen")


@pytest.mark.parametrize(
    ("payload", "error_path"),
    [
        ({**NEW_CASE, "case_type": "nope"}, ["case_type"]),
        ({**NEW_CASE, "client": {"first_name": "A"}}, ["client", "last_name"]),
        (
            {**NEW_CASE, "client": {"first_name": "A", "last_name": "B", "birth_date": "31.02.2020"}},
            ["client", "birth_date"],
        ),
        (
            {**NEW_CASE, "client": {"first_name": "A", "last_name": "B", "email": "no-mail"}},
            ["client", "email"],
        ),
        ({**NEW_CASE, "commissioning_party": {"name": "X", "kind": "bank"}}, ["commissioning_party", "kind"]),
        ({**NEW_CASE, "unit": "00000000-0000-0000-0000-000000000000"}, ["unit"]),
        ({**NEW_CASE, "case_manager": "not-a-uuid"}, ["case_manager"]),
        ({"client": "Jürg"}, ["case_type"]),
        ([], ["non_field_errors"]),
    ],
)
def test_bad_case_input_is_400_naming_the_field_and_stores_nothing(api, payload, error_path):
    response = api.post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    for key in error_path:
        assert key in body, body
        body = body[key]
    assert Case.objects.count() == 0
    assert Client.objects.count() == 0


def test_case_manager_of_another_org_is_refused(api, charlie):
    response = api.post("/api/v1/cases/", {**NEW_CASE, "case_manager": str(charlie.pk)}, format="json")
    assert response.status_code == 400
    assert "case_manager" in response.json()


def test_visibility_owner_lead_same_unit_other_org(case, alice, bob, lead, charlie):
    url = f"/api/v1/cases/{case['id']}/"
    assert api_for(alice).get(url).status_code == 200
    assert api_for(lead).get(url).status_code == 200
    assert api_for(bob).get(url).status_code == 404
    assert api_for(charlie).get(url).status_code == 404
    assert api_for(charlie).get("/api/v1/cases/").json()["results"] == []
    assert AccessLogEntry.objects.filter(action="denied", username="charlie").exists()
    assert AccessLogEntry.objects.filter(action="read", username="alice", case_id=case["id"]).exists()


def test_unit_visibility_is_an_organisation_setting(case, bob, org):
    org.case_managers_see_unit = True
    org.save()
    assert api_for(bob).get(f"/api/v1/cases/{case['id']}/").status_code == 200


def test_patch_needs_the_current_version(api, case):
    url = f"/api/v1/cases/{case['id']}/"
    assert api.patch(url, {"summary": "neu"}, format="json").status_code == 400
    ok = api.patch(url, {"summary": "neu", "version": 1}, format="json")
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    stale = api.patch(url, {"summary": "überschrieben", "version": 1}, format="json")
    assert stale.status_code == 409
    assert "detail" in stale.json()
    assert Case.objects.get().summary == "neu"


def test_list_filters_and_search(api, case):
    api.post(
        "/api/v1/cases/",
        {**NEW_CASE, "case_type": "general", "client": {"first_name": "Anna", "last_name": "Zürcher"}},
        format="json",
    )
    names = lambda r: [c["client"]["last_name"] for c in r.json()["results"]]  # noqa: E731
    assert names(api.get("/api/v1/cases/")) == ["Zürcher", "Müller"]
    assert names(api.get("/api/v1/cases/?q=mül")) == ["Müller"]
    assert names(api.get("/api/v1/cases/?q=CM-")) == ["Zürcher"]
    assert names(api.get("/api/v1/cases/?phase=intake")) == ["Zürcher", "Müller"]
    assert names(api.get("/api/v1/cases/?phase=assessment")) == []
    assert names(api.get("/api/v1/cases/?status=closed")) == []
    assert api.get("/api/v1/cases/?status=weird").status_code == 400
    assert api.get("/api/v1/cases/?phase=weird").status_code == 400


def test_list_paginates_with_a_cursor(api):
    for index in range(3):
        api.post(
            "/api/v1/cases/",
            {**NEW_CASE, "client": {"first_name": "P", "last_name": f"N{index}"}},
            format="json",
        )
    first = api.get("/api/v1/cases/?page_size=2").json()
    assert len(first["results"]) == 2
    assert first["next"]
    second = api.get(first["next"]).json()
    assert [c["client"]["last_name"] for c in second["results"]] == ["N0"]
    assert second["next"] is None


def test_case_list_query_count_does_not_grow_with_cases(api, django_assert_max_num_queries):
    for index in range(5):
        api.post(
            "/api/v1/cases/",
            {**NEW_CASE, "client": {"first_name": "P", "last_name": f"N{index}"}},
            format="json",
        )
    with django_assert_max_num_queries(12):
        response = api.get("/api/v1/cases/")
    assert len(response.json()["results"]) == 5


def test_case_types(api):
    body = api.get("/api/v1/case-types/").json()
    keys = {t["key"]: t for t in body["results"]}
    assert set(keys) == {"bem", "iv-early", "general"}
    assert keys["bem"]["outcomes"] == ["rtw_full", "rtw_partial", "no_rtw", "other"]
    assert keys["general"]["outcomes"] == ["achieved", "partly_achieved", "not_achieved", "other"]
    assert keys["bem"]["trigger_days"] == 42


def test_anonymous_is_401(client):
    assert client.get("/api/v1/cases/").status_code == 401
