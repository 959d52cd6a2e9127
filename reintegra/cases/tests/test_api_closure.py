import pytest

from reintegra.cases.models import Case, CaseEvent, CaseNote, CasePhase, Closure
from reintegra.cases.tests.conftest import api_for

pytestmark = pytest.mark.django_db

CLOSE = {"reason": "goals_achieved", "agreed_with_client": True}


def test_admitted_case_needs_a_done_evaluation_or_a_reason(api, case):
    url = f"/api/v1/cases/{case['id']}/close/"
    refused = api.post(url, CLOSE, format="json")
    assert refused.status_code == 400
    assert "override_reason" in refused.json()
    assert Case.objects.get().status == "open"
    closed = api.post(url, {**CLOSE, "override_reason": "Stelle gewechselt, Evaluation nicht möglich"}, format="json")
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["closed_on"]


def test_done_evaluation_allows_closing(api, case, alice):
    CasePhase.objects.filter(key="evaluation").update(status="done")
    assert api.post(f"/api/v1/cases/{case['id']}/close/", CLOSE, format="json").status_code == 200
    stored = Case.objects.get(pk=case["id"])
    assert stored.status == "closed" and stored.closed_on is not None
    assert stored.version == case["version"] + 1
    closure = Closure.objects.get(case=stored)
    assert (closure.reason, closure.agreed_with_client) == ("goals_achieved", True)
    assert closure.closed_on == stored.closed_on and closure.approved_by == alice and closure.requested_by == alice
    event = CaseEvent.objects.filter(case=stored).latest("at")
    assert event.kind == "case_closed" and event.new["reason"] == "goals_achieved"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"reason": "bored", "agreed_with_client": True}, "reason"),
        ({"reason": "other", "agreed_with_client": "yes"}, "agreed_with_client"),
        ({"reason": "other", "agreed_with_client": False, "override_reason": "x"}, "note"),
        ({"agreed_with_client": True}, "reason"),
    ],
)
def test_bad_closure_is_400_naming_the_field(api, case, payload, field):
    response = api.post(f"/api/v1/cases/{case['id']}/close/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    # nothing changed
    stored = Case.objects.get(pk=case["id"])
    assert (stored.status, stored.closed_on, stored.version) == ("open", None, case["version"])
    assert not Closure.objects.exists()
    assert not CaseEvent.objects.filter(case=stored, kind__in=["case_closed", "closure_requested"]).exists()
    assert not Closure.objects.exists()


def test_not_admitted_case_closes_without_evaluation(api, case):
    api.put(
        f"/api/v1/cases/{case['id']}/intake/",
        {
            "criteria_met": False,
            "decision": "not_admitted",
            "decision_reason": "Kriterien nicht erfüllt",
            "client_informed": True,
            "cooperation_agreed": False,
            "version": 1,
        },
        format="json",
    )
    response = api.post(
        f"/api/v1/cases/{case['id']}/close/", {"reason": "not_admitted", "agreed_with_client": True}, format="json"
    )
    assert response.status_code == 200


def test_closed_case_is_read_only_except_aftercare_notes_and_reopening(api, case):
    base = f"/api/v1/cases/{case['id']}/"
    api.post(base + "close/", {**CLOSE, "override_reason": "x"}, format="json")
    version = api.get(base).json()["version"]
    assert api.patch(base, {"summary": "neu", "version": version}, format="json").status_code == 409
    assert api.patch(base, {"summary": "neu", "version": version}, format="json").json()["code"] == "case_closed"
    closed = api.post(base + "participants/", {"role": "family", "name": "X"}, format="json")
    assert closed.status_code == 409 and closed.json()["code"] == "case_closed"
    assert "abgeschlossen" in closed.json()["detail"]  # in words, in the reader's language
    assert api.post(base + "notes/", {"text": "Nachfrage"}, format="json").json()["code"] == "case_closed"

    aftercare = api.post(base + "notes/", {"text": "Nachsorge: stabil", "kind": "aftercare"}, format="json")
    assert aftercare.status_code == 201
    assert api.post(base + "close/", {**CLOSE, "override_reason": "x"}, format="json").status_code == 409
    assert api.post(base + "reopen/", {}, format="json").status_code == 400
    reopened = api.post(base + "reopen/", {"reason": "Rückfall"}, format="json")
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "open"
    phases = {p["key"]: p["status"] for p in reopened.json()["phases"]}
    assert phases["evaluation"] == "in_progress"
    again = api.post(base + "reopen/", {"reason": "nochmals"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "case_open"
    stale = api.patch(base, {"summary": "alt", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"


def test_the_edit_page_of_a_closed_case_says_it_is_closed_not_that_someone_else_changed_it(api, case, web):
    base = f"/api/v1/cases/{case['id']}/"
    version = api.get(base).json()["version"]
    api.post(base + "close/", {**CLOSE, "override_reason": "x"}, format="json")
    response = web.post(f"/cases/{case['id']}/edit/", {"summary": "neu", "version": version + 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Dieser Fall ist abgeschlossen" in page and "in der Zwischenzeit" not in page


def test_closure_needs_a_team_leads_approval_where_the_case_type_asks(api, case, lead, bob):
    Case.objects.get().case_type.__class__.objects.filter(key="bem").update(requires_closure_approval=True)
    base = f"/api/v1/cases/{case['id']}/"
    pending = api.post(base + "close/", {**CLOSE, "override_reason": "x"}, format="json")
    assert pending.status_code == 202
    assert Case.objects.get().status == "open"
    assert api.post(base + "close/", {**CLOSE, "override_reason": "x"}, format="json").status_code == 409
    assert api.post(base + "close/approve/", format="json").status_code == 403
    approved = api_for(lead).post(base + "close/approve/", format="json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "closed"


def test_notes_and_case_conferences(api, case, charlie):
    base = f"/api/v1/cases/{case['id']}/"
    doctor = api.post(base + "participants/", {"role": "physician", "name": "Dr. Huber"}, format="json").json()
    conference = api.post(
        base + "notes/",
        {
            "text": "Fallkonferenz mit Hausärztin",
            "kind": "case_conference",
            "decisions": "Pensum 50 %",
            "present": [doctor["id"]],
        },
        format="json",
    )
    assert conference.status_code == 201, conference.content
    assert conference.json()["present"] == [doctor["id"]]
    assert api.post(base + "notes/", {"text": ""}, format="json").json().keys() == {"text"}
    assert api.post(base + "notes/", {"text": "x", "kind": "gossip"}, format="json").json().keys() == {"kind"}
    stranger = "00000000-0000-0000-0000-000000000000"
    assert api.post(base + "notes/", {"text": "x", "present": [stranger]}, format="json").json().keys() == {"present"}
    assert CaseNote.objects.count() == 1
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM cases_casenote")
        assert "Hausärztin" not in cursor.fetchone()[0]
    assert [n["kind"] for n in api.get(base + "notes/").json()["results"]] == ["case_conference"]
    assert api_for(charlie).get(base + "notes/").status_code == 404
