"""E-mails and PDFs to a client or participant in their own language (#20): a French-speaking client
gets the portal invitation, the survey link and notifications in French, and the plan and the
information sheet as French PDFs; without a language set, e-mails stay German and English."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from reintegra.notifications.emails import notification_email
from reintegra.notifications.kinds import kind_label
from reintegra.notifications.services import notify
from reintegra.questionnaires.services.surveys import survey_invite
from tests.support.pdftext import german_words, pdf_text

from .conftest import web_for

pytestmark = pytest.mark.django_db


def _speaks(case, language):
    case.client.language = language
    case.client.save()


def test_portal_invitation_in_the_clients_language(alice, case):
    _speaks(case, "fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert web_for(alice).post(f"/portal/cases/{case.pk}/invite/").status_code == 200
    message = mail.outbox[-1]
    assert message.subject == "Reintegra: Invitation"
    assert "Bonjour" in message.body
    assert "Guten Tag" not in message.body and "Hello" not in message.body
    assert "Passwort" not in message.body


def test_without_a_language_the_invitation_stays_german_and_english(alice, case):
    with TestCase.captureOnCommitCallbacks(execute=True):
        web_for(alice).post(f"/portal/cases/{case.pk}/invite/")
    message = mail.outbox[-1]
    assert message.subject == "Reintegra: Einladung / Invitation"
    assert "Guten Tag" in message.body and "Hello" in message.body


def test_participant_invitation_in_the_participants_language(alice, case):
    from reintegra.cases.services.participants import participant_create

    person = participant_create(
        actor=alice,
        case=case,
        data={"role": "physician", "name": "Chiara Rossi", "email": "rossi@example.org", "language": "it"},
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = web_for(alice).post(f"/portal/cases/{case.pk}/participants/{person.pk}/")
    assert response.status_code in (200, 302), response.content
    message = mail.outbox[-1]
    assert message.to == ["rossi@example.org"]
    assert message.subject == "Reintegra: Invito"
    assert "Buongiorno" in message.body or "Salve" in message.body
    assert "Guten Tag" not in message.body


def test_survey_link_in_the_clients_language(alice, case):
    _speaks(case, "fr")
    with TestCase.captureOnCommitCallbacks(execute=True):
        survey_invite(actor=alice, case=case, send_email=True)
    message = mail.outbox[-1]
    with translation.override("fr"):
        assert message.subject == translation.gettext("Your opinion about your support")
    assert "Ihre" not in message.body and "Your" not in message.body


def test_notification_to_a_french_client_is_french(alice, case, juerg):
    _speaks(case, "fr")
    [note] = notify(
        recipients=[juerg],
        kind="measure_due",
        subject="",
        params={"reference": case.reference, "date": "2026-12-18"},
        case=case,
        channels=("in_app",),
        dedupe_key="test-fr",
    )
    message = notification_email(note)
    with translation.override("fr"):
        assert message.subject == f"Reintegra: {kind_label('measure_due')}"
    assert "18.12.2026" in message.body
    assert "Massnahme" not in message.body and "measure in the plan" not in message.body


def test_plan_pdf_in_the_clients_language(web, alice, case, goal, client_measure):
    _speaks(case, "fr")
    response = web_for(alice).get(reverse("plans:pdf", args=[case.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Objectifs" in text or "Objectif" in text
    assert german_words(text) == [], text
    _speaks(case, "")
    german = pdf_text(web_for(alice).get(reverse("plans:pdf", args=[case.pk])).content)
    assert "Ziele" in german


def test_information_sheet_in_the_clients_language(alice, case):
    _speaks(case, "it")
    response = web_for(alice).get(reverse("cases:information_sheet", args=[case.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert german_words(text) == [], text
    today = timezone.localdate()
    assert f"{today.day}.{today.month}.{today.year}" in text  # format_date: no leading zeros
