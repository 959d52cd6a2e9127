"""The public survey page (no login) and the survey part of the case's questionnaire page."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.questionnaires.models import Response, SurveyInvitation
from reintegra.questionnaires.services import surveys as survey_services
from reintegra.questionnaires.services.surveys import survey_invite
from reintegra.questionnaires.tests.conftest import SATISFACTION_KEYS, satisfaction_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def invited(alice, case_obj, satisfaction):
    return survey_invite(actor=alice, case=case_obj, send_email=False)


def survey_url(token):
    return reverse("questionnaires:survey", kwargs={"token": token})


def answer_form(*values):
    return {f"item_{key}": str(value) for key, value in satisfaction_answers(*values).items()}


def csrf_post(anonymous, url, data):
    """GET the page first (the CSRF cookie), then POST with the form's token, as a browser does."""
    page = anonymous.get(url)
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else anonymous.cookies["csrftoken"].value
    return anonymous.post(url, data | {"csrfmiddlewaretoken": token})


def test_anonymous_sees_the_questions_and_the_organisation_only(anonymous, invited, case_obj):
    page = anonymous.get(survey_url(invited.token))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alice AG" in html
    assert "Meine Anliegen und meine Sicht wurden ernst genommen." in html
    assert html.count('type="radio"') == 32
    for private in ("Jürg", "Müller", case_obj.reference, "Rückenschmerzen", "alice"):
        assert private not in html
    assert "csrfmiddlewaretoken" in html
    assert "no-store" in page["Cache-Control"]
    assert 'name="decline"' in html


def test_the_page_speaks_english_when_asked(anonymous, invited):
    anonymous.cookies["django_language"] = "en"
    html = anonymous.get(survey_url(invited.token)).content.decode()
    assert "My concerns and my point of view were taken seriously." in html
    assert "completely true" in html
    assert "I&#x27;d rather not answer" in html or "I'd rather not answer" in html


@pytest.mark.parametrize(
    ("language", "item", "option", "title"),
    [
        (
            "fr",
            "Mes préoccupations et mon point de vue ont été pris au sérieux.",
            "correspond tout à fait",
            "Satisfaction concernant l",
        ),
        (
            "it",
            "Le mie richieste e il mio punto di vista sono stati presi sul serio.",
            "corrisponde pienamente",
            "Soddisfazione per l",
        ),
    ],
)
def test_the_page_speaks_french_and_italian(anonymous, invited, language, item, option, title):
    """The client answers in their language: the shipped questionnaire's items, options and title."""
    anonymous.cookies["django_language"] = language
    html = anonymous.get(survey_url(invited.token)).content.decode()
    assert item in html and option in html and title in html
    assert "trifft voll zu" not in html and "ernst genommen" not in html


def test_answering_stores_once_then_the_link_is_gone(anonymous, invited, case_obj, django_capture_on_commit_callbacks):
    url = survey_url(invited.token)
    with django_capture_on_commit_callbacks(execute=True):
        sent = csrf_post(anonymous, url, answer_form(4, 3, 4, 3, 4, 3, 4, 3))
    assert sent.status_code == 302 and sent.url == reverse("questionnaires:survey_done")
    thanks = anonymous.get(sent.url)
    assert thanks.status_code == 200 and "Vielen Dank" in thanks.content.decode()
    response = Response.objects.get()
    assert response.score == 3.5 and response.case == case_obj
    assert AccessLogEntry.objects.filter(object_type="survey_invitation", user_id="", detail="answered").exists()
    again = anonymous.post(url, answer_form(1) | {"csrfmiddlewaretoken": anonymous.cookies["csrftoken"].value})
    assert again.status_code == 410
    assert "bereits verwendet" in again.content.decode()
    assert anonymous.get(url).status_code == 410
    assert Response.objects.count() == 1


def test_invalid_answers_name_the_item_and_store_nothing(anonymous, invited):
    data = answer_form(4)
    data["item_sat_heard"] = "7"
    del data["item_sat_kept"]
    bad = csrf_post(anonymous, survey_url(invited.token), data)
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "error-summary" in html
    assert 'href="#id_item_sat_heard_0"' in html and 'href="#id_item_sat_kept_0"' in html
    assert "6. Was vereinbart wurde, wurde auch umgesetzt." in html
    assert not Response.objects.exists()
    assert SurveyInvitation.objects.get().status == "open"


def test_the_post_needs_the_csrf_token(anonymous, invited):
    refused = anonymous.post(survey_url(invited.token), answer_form(4))
    assert refused.status_code == 403
    assert not Response.objects.exists()


def test_declining_on_the_page(anonymous, invited):
    sent = csrf_post(anonymous, survey_url(invited.token), {"decline": "1"})
    assert sent.status_code == 302
    assert "declined=1" in sent.url
    assert "nicht antworten" in anonymous.get(sent.url).content.decode()
    assert Response.objects.get().declined
    assert anonymous.get(survey_url(invited.token)).status_code == 410


def test_expired_replaced_and_unknown_links(anonymous, alice, case_obj, invited):
    SurveyInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = anonymous.get(survey_url(invited.token))
    assert expired.status_code == 410 and "abgelaufen" in expired.content.decode()
    assert "Case Manager" in expired.content.decode()
    newer = survey_invite(actor=alice, case=case_obj, send_email=False)
    newest = survey_invite(actor=alice, case=case_obj, send_email=False)
    replaced = anonymous.get(survey_url(newer.token))
    assert replaced.status_code == 410 and "nicht mehr gültig" in replaced.content.decode()
    assert anonymous.get(survey_url(newest.token)).status_code == 200
    unknown = anonymous.get(survey_url("x" * 43))
    assert unknown.status_code == 404 and "nicht finden" in unknown.content.decode()
    assert not Response.objects.exists()


def test_anonymous_reaches_only_the_token_pages(anonymous, case_obj, satisfaction, invited):
    for url in (
        reverse("questionnaires:list"),
        reverse("questionnaires:case_responses", args=[case_obj.pk]),
        reverse("questionnaires:aggregate", args=[satisfaction.pk]),
        reverse("questionnaires:satisfaction_results"),
    ):
        assert anonymous.get(url).status_code == 302, url
    assert anonymous.post(reverse("questionnaires:survey_invite", args=[case_obj.pk])).status_code == 403  # csrf
    assert Client().post(reverse("questionnaires:survey_invite", args=[case_obj.pk])).status_code == 302
    assert anonymous.get(survey_url(invited.token)).status_code == 200


def test_a_signed_in_staff_member_can_open_a_link_too(web, invited):
    assert web.get(survey_url(invited.token)).status_code == 200


# --- the staff part ----------------------------------------------------------------------------


def test_make_a_link_and_see_it_once(web, case_obj, satisfaction, participant):
    url = reverse("questionnaires:case_responses", args=[case_obj.pk])
    page = web.get(url).content.decode()
    assert "Dr. Anna Keller" in page  # a participant can be chosen
    made = web.post(reverse("questionnaires:survey_invite", args=[case_obj.pk]), {"respondent": "client"})
    assert made.status_code == 302
    invitation = SurveyInvitation.objects.get()
    first = web.get(url).content.decode()
    assert 'id="survey-link"' in first and "/questionnaires/s/" in first
    assert invitation.get_status_display() in first
    second = web.get(url).content.decode()
    assert 'id="survey-link"' not in second  # shown once only
    assert "/questionnaires/s/" not in second


def test_make_a_link_for_a_participant_by_email(
    web, case_obj, satisfaction, participant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = web.post(
            reverse("questionnaires:survey_invite", args=[case_obj.pk]),
            {"respondent": str(participant.pk), "send_email": "on"},
        )
    assert made.status_code == 302
    assert SurveyInvitation.objects.get().participant == participant
    assert mailoutbox[0].to == ["keller@example.org"]


def test_bad_respondent_and_missing_email_show_errors(web, case_obj, satisfaction):
    bad = web.post(reverse("questionnaires:survey_invite", args=[case_obj.pk]), {"respondent": "nobody"})
    assert bad.status_code == 400 and "error-summary" in bad.content.decode()
    case_obj.client.email = ""
    case_obj.client.save()
    no_mail = web.post(
        reverse("questionnaires:survey_invite", args=[case_obj.pk]), {"respondent": "client", "send_email": "on"}
    )
    assert no_mail.status_code == 400
    assert "keine E-Mail-Adresse" in no_mail.content.decode()
    assert not SurveyInvitation.objects.exists()


def test_record_declined_in_person(web, case_obj, satisfaction):
    done = web.post(reverse("questionnaires:survey_declined", args=[case_obj.pk]), {"decline-respondent": "client"})
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.declined
    page = web.get(reverse("questionnaires:case_responses", args=[case_obj.pk])).content.decode()
    assert "abgelehnt" in page


def test_other_people_get_404_or_403(client, bob, charlie, lead, dpo, case_obj, satisfaction):
    url = reverse("questionnaires:survey_invite", args=[case_obj.pk])
    for stranger in (bob, charlie):
        client.force_login(stranger)
        assert client.post(url, {"respondent": "client"}).status_code == 404
        assert client.post(reverse("questionnaires:survey_declined", args=[case_obj.pk])).status_code == 404
    client.force_login(lead)  # the team lead of the unit: a case worker
    assert client.post(url, {"respondent": "client"}).status_code == 302
    assert SurveyInvitation.objects.count() == 1


def test_a_non_case_worker_who_sees_the_case_gets_403(client, alice, case_obj, satisfaction, monkeypatch):
    # The service asks the predicate: refuse Alice there, while the choke point still shows her the case.
    monkeypatch.setattr(survey_services, "can_record_responses", lambda user: False)
    client.force_login(alice)
    refused = client.post(reverse("questionnaires:survey_invite", args=[case_obj.pk]), {"respondent": "client"})
    assert refused.status_code == 403
    assert not SurveyInvitation.objects.exists()


def test_case_page_query_count_with_links(web, alice, case_obj, satisfaction, django_assert_max_num_queries):
    for _ in range(4):
        survey_invite(actor=alice, case=case_obj, send_email=False)
    with django_assert_max_num_queries(24):
        page = web.get(reverse("questionnaires:case_responses", args=[case_obj.pk]))
    assert page.content.decode().count("ersetzt") >= 3


def test_all_items_are_required(anonymous, invited):
    bad = csrf_post(anonymous, survey_url(invited.token), {})
    assert bad.status_code == 400
    html = bad.content.decode()
    for key in SATISFACTION_KEYS:
        assert f'href="#id_item_{key}_0"' in html


def test_the_language_switch_works_without_login(anonymous, invited):
    url = survey_url(invited.token)
    page = anonymous.get(url)
    assert 'action="/i18n/setlang/"' in page.content.decode()
    switched = anonymous.post(
        "/i18n/setlang/",
        {"language": "en", "next": url, "csrfmiddlewaretoken": anonymous.cookies["csrftoken"].value},
    )
    assert switched.status_code == 302 and switched.url == url
    assert "Send my answers" in anonymous.get(url).content.decode()
