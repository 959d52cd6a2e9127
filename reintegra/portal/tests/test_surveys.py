"""The client answers a waiting questionnaire in the portal: the same page and service as the link."""

import pytest
from django.urls import reverse

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent
from reintegra.portal.tests.conftest import web_for
from reintegra.questionnaires.models import Response
from reintegra.questionnaires.services.surveys import survey_invite

pytestmark = pytest.mark.django_db

KEYS = [
    "sat_informed",
    "sat_heard",
    "sat_decided",
    "sat_reachable",
    "sat_fitting",
    "sat_kept",
    "sat_trust",
    "sat_respect",
]


def answers(value):
    return {f"item_{key}": str(value) for key in KEYS}


@pytest.fixture
def invitation(alice, case):
    return survey_invite(actor=alice, case=case).invitation


def test_waiting_questionnaire_is_listed_and_answered_in_the_portal(
    juerg, case, invitation, django_capture_on_commit_callbacks
):
    web = web_for(juerg)
    url = reverse("portal:survey", args=[invitation.pk])
    assert url in web.get("/portal/").content.decode()
    assert web.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        sent = web.post(url, answers(4))
    assert sent.status_code == 302 and sent.url == reverse("portal:home")
    response = Response.objects.get()
    assert response.case == case and response.score == 4
    assert CaseEvent.objects.filter(kind="survey_answered", actor=juerg).exists()
    assert AccessLogEntry.objects.using("audit").filter(object_type="survey_invitation", user_id=juerg.pk).exists()
    assert url not in web.get("/portal/").content.decode()
    assert web.post(url, answers(1)).status_code == 410
    assert Response.objects.count() == 1


def test_bad_answers_name_the_item_and_store_nothing(juerg, invitation):
    data = answers(3)
    data["item_sat_heard"] = "9"
    bad = web_for(juerg).post(reverse("portal:survey", args=[invitation.pk]), data)
    assert bad.status_code == 400
    assert not Response.objects.exists()


def test_other_clients_and_staff_cannot_answer(zora, alice, invitation):
    url = reverse("portal:survey", args=[invitation.pk])
    assert web_for(zora).get(url).status_code == 404
    assert web_for(zora).post(url, answers(2)).status_code == 404
    assert web_for(alice).get(url).status_code == 403
    assert not Response.objects.exists()
