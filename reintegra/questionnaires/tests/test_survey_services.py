"""Survey links: making them (hash only, replacement, e-mail), answering once, expiry, declines."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent, Participant
from reintegra.core.exceptions import InvalidInput, PermissionDenied
from reintegra.questionnaires.models import Response, SurveyInvitation
from reintegra.questionnaires.services.surveys import (
    SurveyLinkGone,
    invitation_by_token,
    survey_answer,
    survey_decline_record,
    survey_invite,
)
from reintegra.questionnaires.tests.conftest import satisfaction_answers

pytestmark = pytest.mark.django_db


def test_invite_stores_only_the_hash_and_defaults_to_satisfaction(
    alice, case_obj, satisfaction, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    invitation = SurveyInvitation.objects.get()
    assert invitation.questionnaire == satisfaction
    assert invitation.respondent_kind == "client" and invitation.participant is None
    assert len(invited.token) >= 40
    assert invitation.token_hash == hashlib.sha256(invited.token.encode()).hexdigest()
    assert invited.token not in invitation.token_hash
    assert invited.link.endswith(f"/questionnaires/s/{invited.token}/")
    assert invitation.status == "open" and invitation.created_by == alice
    days = (invitation.expires_at - timezone.now()).total_seconds() / 86400
    assert 13.9 < days <= 14
    assert CaseEvent.objects.filter(case=case_obj, kind="survey_invited").exists()
    assert AccessLogEntry.objects.filter(
        object_type="survey_invitation", object_id=str(invitation.pk), action="change", user_id=str(alice.pk)
    ).exists()
    assert invitation_by_token(invited.token) == invitation
    assert invitation_by_token(invited.token + "x") is None
    assert invitation_by_token("short") is None


def test_validity_is_configurable(alice, case_obj, satisfaction, settings):
    settings.REINTEGRA_SURVEY_LINK_DAYS = 3
    survey_invite(actor=alice, case=case_obj, send_email=False)
    days = (SurveyInvitation.objects.get().expires_at - timezone.now()).total_seconds() / 86400
    assert 2.9 < days <= 3


def test_base_url_setting_makes_the_link(alice, case_obj, satisfaction, settings):
    settings.REINTEGRA_BASE_URL = "https://cm.example.org/"
    invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    assert invited.link == f"https://cm.example.org/questionnaires/s/{invited.token}/"


def test_email_goes_out_after_commit_in_german_and_english(
    alice, case_obj, satisfaction, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invited = survey_invite(actor=alice, case=case_obj, send_email=True)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["juerg.mueller@example.org"]
    assert "Ihre Meinung" in mail.subject and "Your opinion" in mail.subject
    assert mail.body.count(invited.link) == 2
    assert "Alice AG" in mail.body
    assert "Sie" in mail.body and "Guten Tag" in mail.body and "Hello" in mail.body
    assert "Rückenschmerzen" not in mail.body  # no case internals
    assert SurveyInvitation.objects.get().emailed is True
    assert AccessLogEntry.objects.filter(action="disclose", recipient="juerg.mueller@example.org").exists()


def test_email_without_address_is_refused_and_nothing_stored(alice, case_obj, satisfaction, mailoutbox):
    case_obj.client.email = ""
    case_obj.client.save()
    with pytest.raises(ValidationError) as error:
        survey_invite(actor=alice, case=case_obj, send_email=True)
    assert "send_email" in error.value.message_dict
    assert not SurveyInvitation.objects.exists() and mailoutbox == []


def test_participant_of_another_case_is_refused(alice, case_obj, satisfaction, api):
    other = api.post(
        "/api/v1/cases/", {"case_type": "bem", "client": {"first_name": "A", "last_name": "B"}}, format="json"
    )
    stranger = Participant.objects.create(case_id=other.json()["id"], role="family", name="X")
    with pytest.raises(ValidationError) as error:
        survey_invite(actor=alice, case=case_obj, participant=stranger, send_email=False)
    assert "participant" in error.value.message_dict
    assert not SurveyInvitation.objects.exists()


def test_participant_gets_their_own_link(
    alice, case_obj, satisfaction, participant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        survey_invite(actor=alice, case=case_obj, participant=participant, send_email=True)
    invitation = SurveyInvitation.objects.get()
    assert invitation.respondent_kind == "participant" and invitation.participant == participant
    assert mailoutbox[0].to == ["keller@example.org"]


def test_a_new_link_replaces_older_unused_ones_of_the_same_respondent(alice, case_obj, satisfaction, participant):
    first = survey_invite(actor=alice, case=case_obj, send_email=False)
    for_participant = survey_invite(actor=alice, case=case_obj, participant=participant, send_email=False)
    second = survey_invite(actor=alice, case=case_obj, send_email=False)
    first.invitation.refresh_from_db()
    for_participant.invitation.refresh_from_db()
    assert first.invitation.status == "replaced"
    assert for_participant.invitation.status == "open"  # another respondent
    assert second.invitation.status == "open"
    with pytest.raises(SurveyLinkGone) as gone:
        survey_answer(invitation=first.invitation, answers=satisfaction_answers(4))
    assert gone.value.status == "replaced"


def test_answered_links_are_not_replaced(alice, case_obj, satisfaction):
    first = survey_invite(actor=alice, case=case_obj, send_email=False)
    survey_answer(invitation=first.invitation, answers=satisfaction_answers(3))
    survey_invite(actor=alice, case=case_obj, send_email=False)
    first.invitation.refresh_from_db()
    assert first.invitation.status == "answered"


def test_only_case_workers_invite(dpo, admin, case_obj, satisfaction):
    for person in (dpo, admin):
        with pytest.raises(PermissionDenied):
            survey_invite(actor=person, case=case_obj, send_email=False)
    assert not SurveyInvitation.objects.exists()


def test_closed_cases_still_get_the_satisfaction_link(alice, case_obj, satisfaction):
    case_obj.status = "closed"
    case_obj.save()
    invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    response = survey_answer(invitation=invited.invitation, answers=satisfaction_answers(4))
    assert response.score == 4 and response.case == case_obj


def test_answer_stores_a_scored_response_once_and_logs_anonymously(
    alice, case_obj, satisfaction, django_capture_on_commit_callbacks
):
    invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = survey_answer(invitation=invited.invitation, answers=satisfaction_answers(4, 4, 3, 3, 2, 4, 4, 4))
    assert response.score == 3.5 and response.band.key == "high"
    assert response.recorded_by == alice and response.answered_by is None
    assert response.answered_on == timezone.localdate() and response.declined is False
    invitation = SurveyInvitation.objects.get()
    assert invitation.status == "answered" and invitation.response == response
    entry = AccessLogEntry.objects.get(object_type="survey_invitation", action="change", detail="answered")
    assert entry.user_id == "" and entry.object_id == str(invitation.pk) and entry.case_id == str(case_obj.pk)
    assert case_obj.phases.get(key="evaluation").status == "in_progress"
    event = CaseEvent.objects.get(kind="survey_answered")
    assert event.actor is None
    with pytest.raises(SurveyLinkGone) as gone:
        survey_answer(invitation=invitation, answers=satisfaction_answers(1))
    assert gone.value.status == "answered"
    assert Response.objects.count() == 1


def test_invalid_answers_store_nothing_and_keep_the_link(alice, case_obj, satisfaction):
    invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    answers = satisfaction_answers(4)
    answers["sat_heard"] = 5
    del answers["sat_trust"]
    with pytest.raises(InvalidInput) as error:
        survey_answer(invitation=invited.invitation, answers=answers)
    assert set(error.value.errors["answers"]) == {"sat_heard", "sat_trust"}
    assert not Response.objects.exists()
    invited.invitation.refresh_from_db()
    assert invited.invitation.status == "open"


def test_expired_link_cannot_be_answered(alice, case_obj, satisfaction):
    invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    SurveyInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    invited.invitation.refresh_from_db()
    assert invited.invitation.status == "expired"
    with pytest.raises(SurveyLinkGone) as gone:
        survey_answer(invitation=invited.invitation, answers=satisfaction_answers(4))
    assert gone.value.status == "expired"
    assert not Response.objects.exists()


def test_decline_through_the_link(alice, case_obj, satisfaction, django_capture_on_commit_callbacks):
    invited = survey_invite(actor=alice, case=case_obj, send_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = survey_answer(invitation=invited.invitation, answers=None, declined=True)
    assert response.declined and response.score is None and response.answers == {}
    invited.invitation.refresh_from_db()
    assert invited.invitation.status == "declined"
    assert AccessLogEntry.objects.filter(object_type="survey_invitation", detail="declined", user_id="").exists()


def test_decline_in_person_replaces_open_links(alice, case_obj, satisfaction, participant):
    open_link = survey_invite(actor=alice, case=case_obj, send_email=False)
    response = survey_decline_record(actor=alice, case=case_obj)
    assert response.declined and response.respondent_kind == "client" and response.recorded_by == alice
    open_link.invitation.refresh_from_db()
    assert open_link.invitation.status == "replaced"
    by_participant = survey_decline_record(actor=alice, case=case_obj, participant=participant)
    assert by_participant.respondent_kind == "participant"
    assert CaseEvent.objects.filter(kind="questionnaire_declined").count() == 2


def test_decline_in_person_needs_a_case_worker(dpo, case_obj, satisfaction):
    with pytest.raises(PermissionDenied):
        survey_decline_record(actor=dpo, case=case_obj)
    assert not Response.objects.exists()
