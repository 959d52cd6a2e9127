"""GET/POST /api/v1/cases/{id}/questionnaire-responses/: recorded, scored, visible only with the case."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case, CaseEvent, CasePhase
from reintegra.questionnaires.models import Response
from reintegra.questionnaires.tests.conftest import OWN_DEFINITION, WAI_ANSWERS, api_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(case):
    return f"/api/v1/cases/{case['id']}/questionnaire-responses/"


def wai_body(**change):
    return {"questionnaire": "wai", "answered_on": str(TODAY), "answers": dict(WAI_ANSWERS)} | change


def phase_status(case, key):
    return CasePhase.objects.get(case_id=case["id"], key=key).status


def test_recording_a_wai_scores_it_and_starts_the_assessment(api, case, alice, django_capture_on_commit_callbacks):
    assert phase_status(case, "assessment") == "not_started"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url(case), wai_body(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    stored = Response.objects.get()
    assert body == {
        "id": str(stored.pk),
        "questionnaire": {"id": str(stored.questionnaire_id), "key": "wai", "name": "Work Ability Index (WAI)"},
        "answered_on": str(TODAY),
        "respondent_kind": "client",
        "answered_by": None,
        "answers": WAI_ANSWERS,
        "score": 33.5,
        "band": {"key": "moderate", "label": "Mittelmässige Arbeitsfähigkeit", "action": body["band"]["action"]},
        "declined": False,
        "recorded_by": {"id": str(alice.pk), "display_name": "Alice Owner"},
        "created_at": body["created_at"],
    }
    assert body["band"]["action"].startswith("Arbeitsfähigkeit verbessern")
    assert phase_status(case, "assessment") == "in_progress"
    event = CaseEvent.objects.get(case_id=case["id"], kind="questionnaire_recorded")
    assert event.new == {"response": str(stored.pk), "questionnaire": "wai", "answered_on": str(TODAY)}
    assert "33" not in event.summary  # no scores or answers in the timeline
    assert AccessLogEntry.objects.filter(
        action="change", object_type="questionnaire_response", object_id=str(stored.pk), case_id=case["id"]
    ).exists()


def test_answers_are_encrypted_at_rest(api, case):
    api.post(url(case), wai_body(), format="json")
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM questionnaires_response")
        (raw,) = cursor.fetchone()
    assert "wai_q1" not in raw
    assert Response.objects.get().answers == WAI_ANSWERS


def test_list_shows_the_case_responses_with_few_queries(api, case, django_assert_max_num_queries):
    api.post(url(case), wai_body(), format="json")
    with CaptureQueriesContext(connection) as one:
        api.get(url(case))
    for day in range(1, 5):
        api.post(url(case), wai_body(answered_on=str(TODAY - timedelta(days=day))), format="json")
    api.post(
        url(case),
        {"questionnaire": "satisfaction", "answered_on": str(TODAY), "answers": {k: 4 for k in SAT_KEYS}},
        format="json",
    )
    with CaptureQueriesContext(connection) as six, django_assert_max_num_queries(10):
        body = api.get(url(case)).json()
    assert len(six) == len(one)  # no query per response
    assert len(body["results"]) == 6
    assert body["next"] is None
    assert {r["questionnaire"]["key"] for r in body["results"]} == {"wai", "satisfaction"}
    satisfaction = next(r for r in body["results"] if r["questionnaire"]["key"] == "satisfaction")
    assert (satisfaction["score"], satisfaction["band"]["key"]) == (4, "high")
    assert phase_status(case, "evaluation") == "in_progress"
    assert api.get(url(case), {"page_size": 2}).json()["next"]


SAT_KEYS = [
    "sat_informed",
    "sat_heard",
    "sat_decided",
    "sat_reachable",
    "sat_fitting",
    "sat_kept",
    "sat_trust",
    "sat_respect",
]


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        (
            wai_body(answers={k: v for k, v in WAI_ANSWERS.items() if k != "wai_q3_diseases"}),
            "answers",
            "wai_q3_diseases",
        ),
        (wai_body(answers={**WAI_ANSWERS, "wai_q1": 12}), "answers", "wai_q1"),
        (wai_body(answers={**WAI_ANSWERS, "wai_q2_physical": 2.5}), "answers", "wai_q2_physical"),
        (wai_body(answers={**WAI_ANSWERS, "wai_q1": "viel"}), "answers", "wai_q1"),
        (wai_body(answers={**WAI_ANSWERS, "wai_q1": [7]}), "answers", "wai_q1"),
        (wai_body(answers={**WAI_ANSWERS, "wai_q1": False}), "answers", "wai_q1"),
        (wai_body(answers={**WAI_ANSWERS, "no_such_item": 1}), "answers", "no_such_item"),
        (wai_body(answers=[7, 3]), "answers", None),
        (wai_body(answers={}), "answers", "wai_q1"),
        (wai_body(questionnaire="csq-8"), "questionnaire", None),
        (wai_body(questionnaire="00000000-0000-0000-0000-000000000000"), "questionnaire", None),
        (wai_body(answered_on=str(TODAY + timedelta(days=1))), "answered_on", None),
        (wai_body(answered_on="3.11.2026"), "answered_on", None),
        (wai_body(respondent_kind="neighbour"), "respondent_kind", None),
        (wai_body(answered_by="00000000-0000-0000-0000-000000000000"), "answered_by", None),
        ({k: v for k, v in wai_body().items() if k != "answers"}, "answers", None),
        ({k: v for k, v in wai_body().items() if k != "questionnaire"}, "questionnaire", None),
    ],
)
def test_bad_responses_are_400_naming_the_field_and_store_nothing(api, case, body, field, detail):
    response = api.post(url(case), body, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors
    if detail:
        assert detail in errors[field]
    assert not Response.objects.exists()
    assert phase_status(case, "assessment") == "not_started"
    assert not CaseEvent.objects.filter(kind="questionnaire_recorded").exists()


def test_several_bad_answers_are_all_named_at_once(api, case):
    answers = {**WAI_ANSWERS, "wai_q1": 12, "wai_q7a": 9}
    del answers["wai_q6_prognosis"]
    errors = api.post(url(case), wai_body(answers=answers, answered_on=None), format="json").json()
    assert "answered_on" in errors
    errors = api.post(url(case), wai_body(answers=answers), format="json").json()
    assert set(errors["answers"]) == {"wai_q1", "wai_q7a", "wai_q6_prognosis"}


def test_malformed_json_is_400(api, case):
    response = api.post(url(case), "{", content_type="application/json")
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_another_organisations_questionnaire_cannot_be_used(api, case, charlie_admin):
    other = api_for(charlie_admin).post("/api/v1/questionnaires/", OWN_DEFINITION, format="json").json()
    for value in (other["id"], other["key"]):
        response = api.post(url(case), wai_body(questionnaire=value, answers={"stress": 1, "sleep": 7}), format="json")
        assert response.status_code == 400
        assert "questionnaire" in response.json()
    assert not Response.objects.exists()


def test_own_instrument_with_number_and_text_items(api, case, admin):
    created = api_for(admin).post("/api/v1/questionnaires/", OWN_DEFINITION, format="json").json()
    out_of_range = api.post(
        url(case), wai_body(questionnaire=created["id"], answers={"stress": 3, "sleep": 13}), format="json"
    )
    assert out_of_range.status_code == 400
    assert "sleep" in out_of_range.json()["answers"]
    ok = api.post(
        url(case),
        wai_body(
            questionnaire="own-check",
            answers={"stress": 3, "sleep": "7.5", "remark": "müde"},
            respondent_kind="professional",
        ),
        format="json",
    )
    assert ok.status_code == 201, ok.content
    body = ok.json()
    assert (body["score"], body["band"]["key"]) == (5.25, "high")
    assert body["answers"] == {"stress": 3, "sleep": 7.5, "remark": "müde"}
    assert body["answered_by"]["display_name"] == "Alice Owner"


def test_inactive_questionnaire_cannot_be_used(api, case, wai):
    wai.active = False
    wai.save(update_fields=["active"])
    assert api.post(url(case), wai_body(), format="json").status_code == 400
    assert not Response.objects.exists()


def test_closed_case_refuses_new_responses(api, case):
    Case.objects.filter(pk=case["id"]).update(status="closed")
    response = api.post(url(case), wai_body(), format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "case_closed"
    assert not Response.objects.exists()


def test_not_admitted_case_refuses_new_responses(api, case):
    intake = {
        "criteria_met": False,
        "decision": "not_admitted",
        "decision_reason": "Kriterien nicht erfüllt",
        "client_informed": True,
        "cooperation_agreed": False,
        "version": 1,
    }
    assert api.put(f"/api/v1/cases/{case['id']}/intake/", intake, format="json").status_code == 200
    assert api.post(url(case), wai_body(), format="json").status_code == 409
    assert not Response.objects.exists()


def test_visibility_follows_the_case(api, case, bob, lead, dpo, charlie):
    api.post(url(case), wai_body(), format="json")
    for outsider in (bob, dpo, charlie):
        client = api_for(outsider)
        assert client.get(url(case)).status_code == 404
        assert client.post(url(case), wai_body(), format="json").status_code == 404
    assert Response.objects.count() == 1
    team_lead = api_for(lead)
    assert len(team_lead.get(url(case)).json()["results"]) == 1
    assert team_lead.post(url(case), wai_body(), format="json").status_code == 201
    assert AccessLogEntry.objects.filter(action="denied", username="bob").exists()


def test_reading_the_list_is_logged(api, case):
    api.get(url(case))
    assert AccessLogEntry.objects.filter(
        action="read", object_type="questionnaire_response", case_id=case["id"]
    ).exists()


def test_a_recorded_response_is_not_declined(api, case):
    api.post(url(case), wai_body(), format="json")
    assert Response.objects.get().declined is False
