"""Removing a participant: allowed while nothing on record names them, a clear 409 otherwise."""

import datetime

import pytest
from django.urls import reverse

from reintegra.cases.models import CaseEvent, Participant
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(api, case):
    response = api.post(
        f"/api/v1/cases/{case['id']}/participants/",
        {"role": "physician", "name": "Dr. Rösli Meier"},
        format="json",
    )
    assert response.status_code == 201, response.content
    return Participant.objects.get(pk=response.json()["id"])


@pytest.fixture
def named_in_consent(participant, alice):
    consent_record(
        actor=alice,
        case=participant.case,
        purpose="share_with_participant",
        form="oral",
        given_on=datetime.date(2026, 11, 1),
        participant=participant,
    )
    return participant


def test_a_participant_nobody_names_can_be_removed(client, alice, case, participant):
    client.force_login(alice)
    url = reverse("cases:participant_remove", args=[case["id"], participant.pk])
    assert client.post(url).status_code == 302
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_api_refuses_to_remove_a_participant_named_in_a_consent(api, case, named_in_consent):
    events = CaseEvent.objects.count()
    response = api.delete(f"/api/v1/cases/{case['id']}/participants/{named_in_consent.pk}/")
    assert response.status_code == 409
    assert "consent" in response.json()["detail"] or "Einverständnis" in response.json()["detail"]
    assert Participant.objects.filter(pk=named_in_consent.pk).exists()
    assert Consent.objects.filter(participant=named_in_consent).exists()
    assert CaseEvent.objects.count() == events


def test_page_refuses_with_a_409_page_not_a_500(client, alice, case, named_in_consent):
    client.force_login(alice)
    url = reverse("cases:participant_remove", args=[case["id"], named_in_consent.pk])
    response = client.post(url)
    assert response.status_code == 409
    assert "consent" in response.content.decode() or "Einverständnis" in response.content.decode()
    assert Participant.objects.filter(pk=named_in_consent.pk).exists()
