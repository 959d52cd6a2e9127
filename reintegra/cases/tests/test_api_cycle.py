import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reintegra.cases.models import CaseEvent, IncapacityPeriod, Intake, Participant
from reintegra.cases.tests.conftest import api_for
from reintegra.consents.models import Consent

pytestmark = pytest.mark.django_db

INTAKE = {
    "criteria_met": True,
    "criteria_answers": [{"criterion": "42 Tage AU", "answer": True, "note": "63 Tage"}],
    "decision": "admitted",
    "decision_reason": "Kriterien erfüllt",
    "client_informed": True,
    "commissioning_party_disclosed": True,
    "cooperation_agreed": True,
    "version": 1,
}


def test_intake_get_empty_then_put_then_complete(api, case):
    url = f"/api/v1/cases/{case['id']}/intake/"
    empty = api.get(url).json()
    assert empty["decision"] is None
    assert empty["version"] == 1
    saved = api.put(url, INTAKE, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 2
    complete = api.post(f"/api/v1/cases/{case['id']}/phases/intake/complete/", {}, format="json")
    assert complete.status_code == 400
    assert complete.json()["missing"] == ["consent_data_collection"]
    consent = api.post(
        f"/api/v1/cases/{case['id']}/consents/",
        {"purpose": "data_collection", "form": "oral", "given_on": "2026-11-02"},
        format="json",
    )
    assert consent.status_code == 201, consent.content
    assert consent.json()["status"] == "active"
    done = api.post(f"/api/v1/cases/{case['id']}/phases/intake/complete/", {}, format="json")
    assert done.json() == {"key": "intake", "status": "done", "missing": [], "override_reason": None}
    again = api.post(f"/api/v1/cases/{case['id']}/phases/intake/complete/", {}, format="json")
    assert again.status_code == 200
    assert again.json()["status"] == "done"
    kinds = [e["kind"] for e in api.get(f"/api/v1/cases/{case['id']}/events/").json()["results"]]
    assert kinds[:3] == ["phase_completed", "consent_recorded", "intake_saved"]
    assert kinds[-1] == "case_created"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"decision": "maybe"}, "decision"),
        ({"decision": "not_admitted", "decision_reason": ""}, "decision_reason"),
        ({"client_informed": "yes"}, "client_informed"),
        ({"criteria_answers": [{"criterion": "x", "answer": "vielleicht"}]}, "criteria_answers"),
        ({"version": None}, "version"),
        ({"deputy": "00000000-0000-0000-0000-000000000000"}, "deputy"),
    ],
)
def test_bad_intake_is_400_and_stores_nothing(api, case, change, field):
    response = api.put(f"/api/v1/cases/{case['id']}/intake/", {**INTAKE, **change}, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Intake.objects.exists()


def test_stale_intake_is_409(api, case):
    url = f"/api/v1/cases/{case['id']}/intake/"
    api.put(url, INTAKE, format="json")
    stale = api.put(url, {**INTAKE, "decision_reason": "anders"}, format="json")
    assert stale.status_code == 409
    assert Intake.objects.get().decision_reason == "Kriterien erfüllt"


def test_not_admitted_case_can_only_be_closed(api, case):
    api.put(
        f"/api/v1/cases/{case['id']}/intake/",
        {**INTAKE, "decision": "not_admitted", "decision_reason": "Kriterien nicht erfüllt"},
        format="json",
    )
    response = api.post(
        f"/api/v1/cases/{case['id']}/phases/assessment/complete/", {"override_reason": "x"}, format="json"
    )
    assert response.status_code == 409


def test_complete_with_override_reason_and_reopen(api, case):
    base = f"/api/v1/cases/{case['id']}/phases/assessment/"
    done = api.post(base + "complete/", {"override_reason": "Assessment extern erfolgt"}, format="json").json()
    assert done["status"] == "done"
    assert done["override_reason"] == "Assessment extern erfolgt"
    assert "assessment_both_perspectives" in done["missing"]
    assert api.post(base + "reopen/", {}, format="json").status_code == 400
    reopened = api.post(base + "reopen/", {"reason": "Neue Befunde"}, format="json").json()
    assert reopened["status"] == "in_progress"
    phases = {p["key"]: p["status"] for p in api.get(f"/api/v1/cases/{case['id']}/").json()["phases"]}
    assert phases["intake"] == phases["assessment"] == "in_progress"
    assert api.post(f"/api/v1/cases/{case['id']}/phases/nonsense/complete/", {}, format="json").status_code == 400


def test_participants(api, case, charlie):
    url = f"/api/v1/cases/{case['id']}/participants/"
    created = api.post(
        url,
        {
            "role": "physician",
            "name": "Dr. Anna Huber",
            "organisation": "Praxis Huber",
            "email": "huber@example.org",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["organisation"] == "Praxis Huber"
    assert api.post(url, {"role": "wizard", "name": "X"}, format="json").status_code == 400
    assert api.post(url, {"role": "family"}, format="json").json().keys() == {"name"}
    assert api.post(url, {"role": "family", "name": "X", "user": str(charlie.pk)}, format="json").status_code == 400
    assert Participant.objects.count() == 1
    assert [p["name"] for p in api.get(url).json()["results"]] == ["Dr. Anna Huber"]
    assert api_for(charlie).get(url).status_code == 404


def test_incapacity_and_days_in_the_last_12_months(api, case):
    url = f"/api/v1/cases/{case['id']}/incapacity/"
    today = datetime.date.today()
    start = (today - datetime.timedelta(days=49)).isoformat()
    end = (today - datetime.timedelta(days=10)).isoformat()
    assert (
        api.post(url, {"start": start, "end": end, "percent": 100, "certificate": True}, format="json").status_code
        == 201
    )
    assert api.post(url, {"start": end, "end": start, "percent": 50}, format="json").json().keys() == {"end"}
    assert api.post(url, {"start": start, "percent": 0}, format="json").json().keys() == {"percent"}
    assert api.post(url, {"start": "gestern", "percent": 20}, format="json").json().keys() == {"start"}
    assert IncapacityPeriod.objects.count() == 1
    assert api.get(f"/api/v1/cases/{case['id']}/").json()["incapacity_days_12_months"] == 40


def test_consents_validation_and_withdrawal(api, case):
    url = f"/api/v1/cases/{case['id']}/consents/"
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    assert api.post(
        url, {"purpose": "share_with_participant", "form": "oral", "given_on": "2026-01-01"}, format="json"
    ).json().keys() == {"participant"}
    assert api.post(
        url, {"purpose": "data_collection", "form": "telepathy", "given_on": "2026-01-01"}, format="json"
    ).json().keys() == {"form"}
    assert api.post(
        url, {"purpose": "data_collection", "form": "oral", "given_on": future}, format="json"
    ).json().keys() == {"given_on"}
    assert api.post(
        url,
        {"purpose": "data_collection", "form": "oral", "given_on": "2026-01-05", "valid_until": "2026-01-01"},
        format="json",
    ).json().keys() == {"valid_until"}
    assert Consent.objects.count() == 0
    consent = api.post(
        url,
        {
            "purpose": "share_with_employer",
            "form": "written",
            "given_on": "2026-01-05",
            "scope": "Massnahmen und Ergebnis",
        },
        format="json",
    ).json()
    withdrawn = api.post(f"{url}{consent['id']}/withdraw/", {"reason": "Vertrauen fehlt"}, format="json")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert CaseEvent.objects.filter(kind="consent_withdrawn").count() == 1


def test_scan_upload_is_sniffed_and_served_only_through_the_case(api, case, bob):
    url = f"/api/v1/cases/{case['id']}/consents/"
    consent = api.post(
        url, {"purpose": "data_collection", "form": "written", "given_on": "2026-01-05"}, format="json"
    ).json()
    scan_url = f"{url}{consent['id']}/scan/"
    fake = SimpleUploadedFile("scan.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    refused = api.post(scan_url, {"scan": fake}, format="multipart")
    assert refused.status_code == 400
    assert "scan" in refused.json()
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    assert api.post(scan_url, {"scan": pdf}, format="multipart").status_code == 200
    download = api.get(scan_url)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert api_for(bob).get(scan_url).status_code == 404


def test_child_lists_are_cursor_paginated(api, case):
    url = f"/api/v1/cases/{case['id']}/participants/"
    for index in range(3):
        api.post(url, {"role": "family", "name": f"Person {index}"}, format="json")
    first = api.get(url + "?page_size=2").json()
    assert [p["name"] for p in first["results"]] == ["Person 0", "Person 1"]
    assert [p["name"] for p in api.get(first["next"]).json()["results"]] == ["Person 2"]
    events = api.get(f"/api/v1/cases/{case['id']}/events/?page_size=1").json()
    assert len(events["results"]) == 1
    assert events["results"][0]["kind"] == "participant_added"
    assert events["next"]
