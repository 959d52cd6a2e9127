"""Issue #15: correcting the record (API.md "Correcting the record", "Errors", "Idempotency").

Incapacity periods ended and corrected with a reason and a version; notes amended (the earlier
wording kept) and restricted notes; participants edited; closed cases answer 409 case_closed;
duplicate clients; Idempotency-Key; the plausibility rules.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import (
    Case,
    CaseEvent,
    CaseNote,
    Client,
    IncapacityCorrection,
    IncapacityPeriod,
    Participant,
)
from reintegra.core.models import IdempotentRequest
from tests.support.cases import NEW_CASE
from tests.support.people import api_for

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def base(case):
    return f"/api/v1/cases/{case['id']}/"


def close(api, case):
    response = api.post(
        f"{base(case)}close/",
        {"reason": "other", "agreed_with_client": True, "override_reason": "Stelle gewechselt"},
        format="json",
    )
    assert response.status_code == 200, response.content


# --- Incapacity: ended and corrected with a reason and a version ---------------------------------


def running_period(api, case):
    start = (today() - timedelta(days=20)).isoformat()
    response = api.post(f"{base(case)}incapacity/", {"start": start, "percent": 100}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["end"] is None and body["version"] == 1 and body["corrections"] == []
    return body


def test_a_running_incapacity_is_ended_with_a_reason_and_its_history_kept(api, case, alice):
    period = running_period(api, case)
    end = (today() - timedelta(days=2)).isoformat()
    url = f"{base(case)}incapacity/{period['id']}/"
    response = api.patch(url, {"end": end, "reason": "Arztzeugnis bis gestern", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["end"] == end and body["version"] == 2
    [correction] = body["corrections"]
    assert correction["reason"] == "Arztzeugnis bis gestern"
    assert correction["old"] == {"end": None} and correction["new"] == {"end": end}
    assert correction["by"]["id"] == str(alice.pk)
    # a second correction: percent and certificate
    again = api.patch(url, {"percent": 50, "certificate": True, "reason": "Teilzeit", "version": 2}, format="json")
    assert again.status_code == 200, again.content
    assert [c["new"] for c in again.json()["corrections"]] == [{"end": end}, {"percent": 50, "certificate": True}]
    assert api.get(url).json()["corrections"] == again.json()["corrections"]
    kinds = list(CaseEvent.objects.filter(case_id=case["id"]).values_list("kind", flat=True))
    assert "incapacity_ended" in kinds and "incapacity_corrected" in kinds
    assert AccessLogEntry.objects.filter(case_id=case["id"], action="read", object_type="incapacity").exists()


def test_a_stale_period_version_is_409_stale_version_and_changes_nothing(api, case):
    period = running_period(api, case)
    url = f"{base(case)}incapacity/{period['id']}/"
    assert api.patch(url, {"percent": 80, "reason": "a", "version": 1}, format="json").status_code == 200
    stale = api.patch(url, {"percent": 60, "reason": "b", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert IncapacityPeriod.objects.get().percent == 80
    assert IncapacityCorrection.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"end": "2000-01-01", "reason": "x", "version": 1}, "end"),
        ({"percent": 0, "reason": "x", "version": 1}, "percent"),
        ({"percent": 50, "version": 1}, "reason"),
        ({"percent": 50, "reason": "", "version": 1}, "reason"),
        ({"percent": 50, "reason": "x"}, "version"),
        ({"certificate": "yes", "reason": "x", "version": 1}, "certificate"),
    ],
)
def test_a_bad_correction_is_400_naming_the_field(api, case, payload, field):
    period = running_period(api, case)
    response = api.patch(f"{base(case)}incapacity/{period['id']}/", payload, format="json")
    assert response.status_code == 400 and field in response.json(), response.content
    stored = IncapacityPeriod.objects.get()
    assert (stored.end, stored.percent, stored.version) == (None, 100, 1)
    assert not IncapacityCorrection.objects.exists()


# --- Notes: amended, never deleted; restricted notes -------------------------------------------


def test_a_note_is_amended_and_the_earlier_wording_stays_readable(api, case, alice):
    note = api.post(f"{base(case)}notes/", {"text": "Gesprach mit HR"}, format="json").json()
    response = api.post(
        f"{base(case)}notes/{note['id']}/amend/", {"text": "Gespräch mit HR", "reason": "Tippfehler"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["text"] == "Gespräch mit HR"
    [amendment] = body["amendments"]
    assert amendment["reason"] == "Tippfehler" and amendment["previous_text"] == "Gesprach mit HR"
    assert amendment["by"]["id"] == str(alice.pk) and amendment["at"]
    listed = api.get(f"{base(case)}notes/").json()["results"]
    assert listed[0]["amendments"][0]["previous_text"] == "Gesprach mit HR"
    assert CaseNote.objects.count() == 1
    assert CaseEvent.objects.filter(case_id=case["id"], kind="note_amended").exists()
    # no delete route for notes
    assert api.delete(f"{base(case)}notes/{note['id']}/").status_code == 405


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"text": "neu"}, "reason"), ({"text": "", "reason": "x"}, "text"), ({"text": "alt", "reason": "x"}, "text")],
)
def test_a_bad_amendment_is_400_naming_the_field(api, case, payload, field):
    note = api.post(f"{base(case)}notes/", {"text": "alt"}, format="json").json()
    response = api.post(f"{base(case)}notes/{note['id']}/amend/", payload, format="json")
    assert response.status_code == 400 and field in response.json(), response.content
    assert CaseNote.objects.get().text == "alt"


def test_restricted_notes_are_read_only_by_the_case_manager_and_the_deputy(api, case, lead, bob):
    open_note = api.post(f"{base(case)}notes/", {"text": "Für alle"}, format="json").json()
    secret = api.post(f"{base(case)}notes/", {"text": "Diagnose", "restricted": True}, format="json")
    assert secret.status_code == 201 and secret.json()["restricted"] is True
    secret_id = secret.json()["id"]
    # the case manager reads both
    assert {n["id"] for n in api.get(f"{base(case)}notes/").json()["results"]} == {open_note["id"], secret_id}
    # the unit's team lead sees the case, but not the restricted note
    as_lead = api_for(lead)
    assert [n["id"] for n in as_lead.get(f"{base(case)}notes/").json()["results"]] == [open_note["id"]]
    assert as_lead.get(f"{base(case)}notes/{secret_id}/").status_code == 404
    assert as_lead.get(f"{base(case)}notes/{open_note['id']}/").status_code == 200
    amend = as_lead.post(f"{base(case)}notes/{secret_id}/amend/", {"text": "x", "reason": "y"}, format="json")
    assert amend.status_code == 404
    assert "Diagnose" not in as_lead.get(f"{base(case)}notes/").content.decode()
    # the deputy reads it
    Case.objects.filter(pk=case["id"]).update(deputy=bob)
    assert api_for(bob).get(f"{base(case)}notes/{secret_id}/").json()["text"] == "Diagnose"


# --- Participants are edited ------------------------------------------------------------------------


def test_a_participant_is_edited(api, case):
    created = api.post(
        f"{base(case)}participants/", {"role": "employer_contact", "name": "H. Meier"}, format="json"
    ).json()
    url = f"{base(case)}participants/{created['id']}/"
    response = api.patch(url, {"name": "Hanna Meier", "organisation": "Alice AG", "email": "h@example.org"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["name"], body["organisation"], body["email"], body["role"]) == (
        "Hanna Meier",
        "Alice AG",
        "h@example.org",
        "employer_contact",
    )
    assert api.patch(url, {"email": "kein"}, format="json").status_code == 400
    assert api.patch(url, {"name": ""}, format="json").status_code == 400
    assert Participant.objects.get().email == "h@example.org"
    assert CaseEvent.objects.filter(case_id=case["id"], kind="participant_updated").count() == 1


# --- Closed cases: every API write is 409 case_closed -------------------------------------------


def test_every_write_to_a_closed_case_is_409_case_closed(api, case):
    period = running_period(api, case)
    note = api.post(f"{base(case)}notes/", {"text": "vor dem Abschluss"}, format="json").json()
    participant = api.post(f"{base(case)}participants/", {"role": "physician", "name": "Dr. A"}, format="json").json()
    close(api, case)
    writes = [
        ("patch", ""),
        ("put", "intake/"),
        ("post", "participants/"),
        ("patch", f"participants/{participant['id']}/"),
        ("delete", f"participants/{participant['id']}/"),
        ("post", "incapacity/"),
        ("patch", f"incapacity/{period['id']}/"),
        ("post", f"notes/{note['id']}/amend/"),
        ("put", "evaluation/"),
        ("post", "close/"),
        ("post", "phases/intake/complete/"),
        ("post", "consents/"),
        ("post", "assessments/"),
        ("put", "network/"),
        ("post", "goals/"),
        ("post", "measures/"),
        ("post", "plan/agree/"),
        ("post", "reviews/"),
        ("post", "referrals/"),
    ]
    for method, path in writes:
        for body in ({}, {"version": 1, "text": "x", "reason": "y"}):
            response = getattr(api, method)(f"{base(case)}{path}", body, format="json")
            assert response.status_code == 409, (method, path, response.content)
            assert response.json()["code"] == "case_closed", (method, path)
    # what a closed case accepts: an aftercare note (not another kind) and reopening
    aftercare = api.post(f"{base(case)}notes/", {"text": "Nachsorge", "kind": "aftercare"}, format="json")
    assert aftercare.status_code == 201
    other = api.post(f"{base(case)}notes/", {"text": "Notiz"}, format="json")
    assert other.status_code == 409 and other.json()["code"] == "case_closed"
    amended = api.post(
        f"{base(case)}notes/{aftercare.json()['id']}/amend/", {"text": "Nachsorge ok", "reason": "genauer"}
    )
    assert amended.status_code == 200
    assert api.post(f"{base(case)}reopen/", {"reason": "Rückfall"}, format="json").status_code == 200


def test_a_closed_case_of_someone_else_is_404_not_409(api, case, charlie):
    close(api, case)
    assert api_for(charlie).post(f"{base(case)}participants/", {}, format="json").status_code == 404


# --- Duplicate clients -----------------------------------------------------------------------------


def new_case_body(**changes):
    return {**NEW_CASE, **changes}


def test_a_client_with_the_same_folded_names_and_birth_date_is_a_possible_duplicate(api):
    first = api.post("/api/v1/cases/", new_case_body(), format="json").json()
    again = new_case_body(client={"first_name": "JURG", "last_name": "mueller ", "birth_date": "1975-04-02"})
    again["client"]["last_name"] = "MÜLLER"
    response = api.post("/api/v1/cases/", again, format="json")
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "possible_duplicate"
    assert body["duplicates"] == [{"case": first["id"], "reference": first["reference"]}]
    assert Case.objects.count() == 1 and Client.objects.count() == 1
    # another birth date is someone else
    other = new_case_body(client={**NEW_CASE["client"], "birth_date": "1976-04-02"})
    assert api.post("/api/v1/cases/", other, format="json").status_code == 201


def test_a_new_case_for_the_same_client_or_a_confirmed_new_client(api, bob):
    first = api.post("/api/v1/cases/", new_case_body(), format="json").json()
    same = api.post("/api/v1/cases/", {"case_type": "general", "client_id": first["client"]["id"]}, format="json")
    assert same.status_code == 201, same.content
    assert same.json()["client"]["id"] == first["client"]["id"]
    assert Client.objects.count() == 1 and Case.objects.count() == 2
    confirmed = api.post("/api/v1/cases/", new_case_body(confirm_new_client=True), format="json")
    assert confirmed.status_code == 201
    assert Client.objects.count() == 2
    both = api.post("/api/v1/cases/", new_case_body(client_id=first["client"]["id"]), format="json")
    assert both.status_code == 400 and "client_id" in both.json()
    unknown = api.post(
        "/api/v1/cases/", {"case_type": "bem", "client_id": "00000000-0000-0000-0000-000000000000"}, format="json"
    )
    assert unknown.status_code == 400 and "client_id" in unknown.json()


# --- Idempotency-Key --------------------------------------------------------------------------------


def test_the_same_idempotency_key_returns_the_first_answer_and_creates_nothing_more(api, case, bob):
    url = f"{base(case)}notes/"
    first = api.post(url, {"text": "einmal"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = api.post(url, {"text": "einmal"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert CaseNote.objects.count() == 1
    # the same key with another body is refused; another key creates another note
    reused = api.post(url, {"text": "anders"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"
    assert api.post(url, {"text": "einmal"}, format="json", HTTP_IDEMPOTENCY_KEY="k-2").status_code == 201
    assert CaseNote.objects.count() == 2


def test_an_idempotent_case_creation_makes_one_case_and_expires_after_a_day(api):
    body = new_case_body(confirm_new_client=True)
    answers = [api.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY="neu") for _ in range(3)]
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["id"] for a in answers}) == 1
    assert Case.objects.count() == 1
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert api.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY="neu").status_code == 201
    assert Case.objects.count() == 2


def test_a_failed_request_frees_its_key_and_a_refusal_is_replayed(api, case):
    url = f"{base(case)}notes/"
    refused = api.post(url, {"text": ""}, format="json", HTTP_IDEMPOTENCY_KEY="leer")
    again = api.post(url, {"text": ""}, format="json", HTTP_IDEMPOTENCY_KEY="leer")
    assert refused.status_code == again.status_code == 400
    assert refused.json() == again.json()
    assert not CaseNote.objects.exists()


# --- Plausibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("birth_date", ["2031-01-01", "1850-05-05"])
def test_an_implausible_birth_date_is_400_naming_the_field(api, birth_date):
    body = new_case_body(client={**NEW_CASE["client"], "birth_date": birth_date})
    response = api.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400 and "birth_date" in response.json()["client"], response.content
    assert not Case.objects.exists() and not Client.objects.exists()


def test_birth_date_limits_are_14_and_100_years(api):
    def years_ago(years, days=0):
        day = today()
        return (day.replace(year=day.year - years) + timedelta(days=days)).isoformat()

    for value, expected in [
        (years_ago(14), 201),
        (years_ago(14, days=1), 400),
        (years_ago(100), 201),
        (years_ago(100, days=-1), 400),
    ]:
        body = new_case_body(client={**NEW_CASE["client"], "birth_date": value}, confirm_new_client=True)
        assert api.post("/api/v1/cases/", body, format="json").status_code == expected, value


def test_the_birth_date_is_checked_when_it_changes(api, case):
    response = api.patch(base(case), {"version": case["version"], "client": {"birth_date": "2030-01-01"}})
    assert response.status_code == 400 and "birth_date" in response.json()["client"]


def test_incapacity_starts_at_most_30_days_ahead(api, case):
    url = f"{base(case)}incapacity/"
    ahead = api.post(url, {"start": (today() + timedelta(days=31)).isoformat(), "percent": 100}, format="json")
    assert ahead.status_code == 400 and "start" in ahead.json()
    ok = api.post(url, {"start": (today() + timedelta(days=30)).isoformat(), "percent": 100}, format="json")
    assert ok.status_code == 201
    assert IncapacityPeriod.objects.count() == 1


GOAL = {
    "title": "Rückkehr an den Arbeitsplatz",
    "horizon": "short",
    "priority": 1,
    "indicator": "Arbeitsstunden pro Woche",
    "levels": {"-2": "0 h", "-1": "10 h", "0": "20 h", "1": "30 h", "2": "40 h"},
}


def test_a_goal_is_not_due_before_the_case_was_opened(api, case):
    url = f"{base(case)}goals/"
    early = api.post(url, {**GOAL, "due_date": (today() - timedelta(days=1)).isoformat()}, format="json")
    assert early.status_code == 400 and "due_date" in early.json(), early.content
    goal = api.post(url, {**GOAL, "due_date": (today() + timedelta(days=30)).isoformat()}, format="json")
    assert goal.status_code == 201
    patched = api.patch(
        f"{url}{goal.json()['id']}/", {"due_date": "2020-01-01", "version": goal.json()["version"]}, format="json"
    )
    assert patched.status_code == 400 and "due_date" in patched.json()


def test_reviews_lie_not_before_the_first_agreement_and_the_next_review_not_in_the_past(api, case):
    goal = api.post(
        f"{base(case)}goals/", {**GOAL, "due_date": (today() + timedelta(days=30)).isoformat()}, format="json"
    ).json()
    agreed = api.post(f"{base(case)}plan/agree/", {"agreed_on": today().isoformat(), "form": "oral"}, format="json")
    assert agreed.status_code == 201, agreed.content
    ratings = [{"goal": goal["id"], "score": 0}]
    early = api.post(
        f"{base(case)}reviews/", {"date": (today() - timedelta(days=3)).isoformat(), "ratings": ratings}, format="json"
    )
    assert early.status_code == 400 and "date" in early.json(), early.content
    plan = api.get(f"{base(case)}plan/").json()
    past = api.put(
        f"{base(case)}plan/",
        {
            "review_interval_weeks": 4,
            "next_review_on": (today() - timedelta(days=1)).isoformat(),
            "version": plan["version"],
        },
        format="json",
    )
    assert past.status_code == 400 and "next_review_on" in past.json(), past.content
