"""API: survey links of a case, and the aggregate of a questionnaire (checked against hand-computed values)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.cases.models import Case, CaseEvent
from reintegra.core.links import token_hash
from reintegra.questionnaires.models import Response, SurveyInvitation
from reintegra.questionnaires.services.surveys import survey_answer, survey_decline_record, survey_invite
from reintegra.questionnaires.tests.conftest import OWN_DEFINITION, api_for, satisfaction_answers

pytestmark = pytest.mark.django_db


def links_url(case_id):
    return f"/api/v1/cases/{case_id}/survey-invitations/"


def test_create_returns_the_link_once_and_lists_without_tokens(api, case_obj, satisfaction, participant):
    made = api.post(links_url(case_obj.pk), {}, format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "open" and body["respondent_kind"] == "client" and body["participant"] is None
    assert body["questionnaire"]["key"] == "satisfaction"
    assert "/questionnaires/s/" in body["link"] and body["expires_at"]
    token = body["link"].rstrip("/").rsplit("/", 1)[1]
    for_participant = api.post(
        links_url(case_obj.pk), {"participant": str(participant.pk), "questionnaire": "satisfaction"}, format="json"
    )
    assert for_participant.status_code == 201
    assert for_participant.json()["participant"] == {"id": str(participant.pk), "name": "Dr. Anna Keller"}
    listing = api.get(links_url(case_obj.pk))
    assert listing.status_code == 200
    data = listing.json()
    assert set(data) == {"results", "next"} and len(data["results"]) == 2
    assert token not in listing.content.decode() and "link" not in data["results"][0]
    assert "token" not in listing.content.decode()


def test_create_by_email(api, case_obj, satisfaction, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = api.post(links_url(case_obj.pk), {"send_email": True}, format="json")
    assert made.status_code == 201 and made.json()["emailed"] is True
    assert made.json()["link"] in mailoutbox[0].body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"participant": "not-a-uuid"}, "participant"),
        ({"participant": "00000000-0000-0000-0000-000000000000"}, "participant"),
        ({"questionnaire": "nope"}, "questionnaire"),
        ({"send_email": "maybe"}, "send_email"),
        ({"questionnaire": ["satisfaction"]}, "questionnaire"),
    ],
)
def test_bad_input_is_400_naming_the_field(api, case_obj, satisfaction, payload, field):
    bad = api.post(links_url(case_obj.pk), payload, format="json")
    assert bad.status_code == 400 and field in bad.json(), bad.content
    assert not SurveyInvitation.objects.exists()


def test_malformed_json_and_no_email(api, case_obj, satisfaction):
    bad = api.post(links_url(case_obj.pk), "{nope", content_type="application/json")
    assert bad.status_code == 400
    case_obj.client.email = ""
    case_obj.client.save()
    no_mail = api.post(links_url(case_obj.pk), {"send_email": True}, format="json")
    assert no_mail.status_code == 400 and "send_email" in no_mail.json()
    assert not SurveyInvitation.objects.exists()


def test_other_organisation_404_and_non_case_worker_403(case_obj, satisfaction, bob, charlie, dpo, admin):
    for stranger in (bob, charlie):
        assert api_for(stranger).post(links_url(case_obj.pk), {}, format="json").status_code == 404
        assert api_for(stranger).get(links_url(case_obj.pk)).status_code == 404
    assert SurveyInvitation.objects.count() == 0
    assert APIClient().get(links_url(case_obj.pk)).status_code == 401


def test_closed_case_may_get_a_link(api, alice, case_obj, satisfaction):
    case_obj.status = "closed"
    case_obj.save()
    made = api.post(links_url(case_obj.pk), {}, format="json")
    assert made.status_code == 201
    stored = SurveyInvitation.objects.get(case=case_obj)
    assert str(stored.pk) == made.json()["id"]
    assert stored.questionnaire == satisfaction and stored.created_by == alice
    assert stored.used_at is None and stored.revoked_at is None and stored.expires_at > timezone.now()
    assert stored.token_hash == token_hash(made.json()["link"].rstrip("/").rsplit("/", 1)[-1])
    assert CaseEvent.objects.filter(case=case_obj, kind="survey_invited").count() == 1


def test_list_query_count(api, alice, case_obj, satisfaction, django_assert_max_num_queries):
    for _ in range(5):
        survey_invite(actor=alice, case=case_obj, send_email=False)
    with django_assert_max_num_queries(12):
        listing = api.get(links_url(case_obj.pk))
    assert [row["status"] for row in listing.json()["results"]].count("replaced") == 4


# --- the aggregate -----------------------------------------------------------------------------


def make_case(api, first, case_type="bem"):
    made = api.post("/api/v1/cases/", {"case_type": case_type, "client": {"first_name": first, "last_name": "X"}})
    assert made.status_code == 201, made.content
    return Case.objects.get(pk=made.json()["id"])


@pytest.fixture
def survey_data(api, alice, charlie, satisfaction):
    """Hand-made figures over three BEM cases and one general case, plus another organisation's noise.

    BEM A: answered 4,4,4,4,3,3,3,3 (score 3.5); BEM B: answered 2,3,4,1,2,3,4,1 (2.5);
    BEM C: link declined; general D: answered 1 everywhere (score 1), an open link for a
    participant-free second ask is replaced, then one expired link on BEM A's second ask.
    """
    a, b, c = make_case(api, "A"), make_case(api, "B"), make_case(api, "C")
    d = make_case(api, "D", case_type="general")
    for case, values in ((a, (4, 4, 4, 4, 3, 3, 3, 3)), (b, (2, 3, 4, 1, 2, 3, 4, 1)), (d, (1,))):
        invited = survey_invite(actor=alice, case=case, send_email=False)
        survey_answer(invitation=invited.invitation, answers=satisfaction_answers(*values))
    survey_answer(
        invitation=survey_invite(actor=alice, case=c, send_email=False).invitation, answers=None, declined=True
    )
    survey_invite(actor=alice, case=a, send_email=False)  # replaced by the next one
    expired = survey_invite(actor=alice, case=a, send_email=False)
    SurveyInvitation.objects.filter(pk=expired.invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    survey_decline_record(actor=alice, case=d)  # in person: a declined response, no link
    other = api_for(charlie).post(
        "/api/v1/cases/", {"case_type": "bem", "client": {"first_name": "O", "last_name": "Z"}}, format="json"
    )
    foreign = Case.objects.get(pk=other.json()["id"])
    noise = survey_invite(actor=charlie, case=foreign, send_email=False)
    survey_answer(invitation=noise.invitation, answers=satisfaction_answers(4))
    return {"a": a, "b": b, "c": c, "d": d}


def aggregate_url(questionnaire, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/api/v1/questionnaires/{questionnaire.pk}/aggregate/" + (f"?{query}" if query else "")


def test_aggregate_over_the_organisation(api, satisfaction, survey_data):
    result = api.get(aggregate_url(satisfaction))
    assert result.status_code == 200, result.content
    data = result.json()
    # Links: A, B, D answered; C declined; A's second replaced (not counted); A's third expired → 5 sent.
    assert data["sent"] == 5
    assert data["answered"] == 3 and data["answered_through_link"] == 3
    assert data["declined"] == 2  # C through the link, D in person
    assert data["open"] == 0 and data["expired"] == 1
    assert data["response_rate"] == 60.0  # 3 of 5
    assert data["mean_score"] == pytest.approx(2.33)  # (3.5 + 2.5 + 1) / 3 = 2.333…
    items = {item["key"]: item for item in data["items"]}
    assert items["sat_informed"]["mean"] == pytest.approx(2.33)  # (4 + 2 + 1) / 3
    assert items["sat_decided"]["mean"] == pytest.approx(3.0)  # (4 + 4 + 1) / 3
    assert items["sat_reachable"]["mean"] == 2.0  # (4 + 1 + 1) / 3
    assert items["sat_informed"]["distribution"] == [
        {"value": 1, "label": "trifft gar nicht zu", "count": 1},
        {"value": 2, "label": "trifft eher nicht zu", "count": 1},
        {"value": 3, "label": "trifft eher zu", "count": 0},
        {"value": 4, "label": "trifft voll zu", "count": 1},
    ]
    assert all(item["answers"] == 3 for item in data["items"])
    assert "X" not in str(data) and "last_name" not in str(data)


def test_aggregate_filtered_by_case_type_and_dates(api, satisfaction, survey_data):
    bem = api.get(aggregate_url(satisfaction, case_type="bem")).json()
    assert bem["answered"] == 2 and bem["declined"] == 1 and bem["sent"] == 4
    assert bem["mean_score"] == 3.0 and bem["response_rate"] == 50.0
    general = api.get(aggregate_url(satisfaction, case_type="general")).json()
    assert general["answered"] == 1 and general["declined"] == 1 and general["mean_score"] == 1.0
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    future = api.get(aggregate_url(satisfaction, date_from=tomorrow)).json()
    assert future["sent"] == 0 and future["answered"] == 0 and future["response_rate"] is None
    assert future["mean_score"] is None and future["items"][0]["mean"] is None
    today = str(timezone.localdate())
    assert api.get(aggregate_url(satisfaction, date_from=today, date_to=today)).json()["answered"] == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"case_type": "nope"}, "case_type"),
        ({"date_from": "3.11.2026"}, "date_from"),
        ({"date_from": "2026-12-01", "date_to": "2026-11-01"}, "date_to"),
    ],
)
def test_aggregate_bad_filters(api, satisfaction, params, field):
    bad = api.get(aggregate_url(satisfaction, **params))
    assert bad.status_code == 400 and field in bad.json()


def test_aggregate_permissions(satisfaction, alice, lead, admin, dpo, charlie_admin, org):
    assert api_for(lead).get(aggregate_url(satisfaction)).status_code == 200
    assert api_for(admin).get(aggregate_url(satisfaction)).status_code == 200
    assert api_for(dpo).get(aggregate_url(satisfaction)).status_code in (403, 404)
    own = api_for(admin).post("/api/v1/questionnaires/", OWN_DEFINITION, format="json")
    assert own.status_code == 201
    other_org = f"/api/v1/questionnaires/{own.json()['id']}/aggregate/"
    assert api_for(charlie_admin).get(other_org).status_code == 404


def test_aggregate_page(client, alice, dpo, satisfaction, survey_data):
    client.force_login(alice)
    listing = client.get(reverse("questionnaires:list")).content.decode()
    assert reverse("questionnaires:satisfaction_results") in listing
    moved = client.get(reverse("questionnaires:satisfaction_results"))
    assert moved.status_code == 302 and moved.url == reverse("questionnaires:aggregate", args=[satisfaction.pk])
    page = client.get(moved.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-figure="sent">5<' in html and 'data-figure="answered">3<' in html
    assert 'data-figure="response_rate">60 %<' in html
    assert "2,33" in html
    for private in ("A X", survey_data["a"].reference, "alice"):
        assert private not in html
    bem = survey_data["a"].case_type
    filtered = client.get(moved.url, {"case_type": bem.pk, "date_from": "1.1.2026"}).content.decode()
    assert 'data-figure="answered">2<' in filtered
    bad = client.get(moved.url, {"date_from": "1.12.2026", "date_to": "1.11.2026"})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    client.force_login(dpo)
    assert client.get(moved.url).status_code in (403, 404)
    assert Response.objects.filter(declined=False).count() == 4  # 3 of ours and charlie's
