"""Inviting a participant to the portal from the case (issue #14): e-mail only, linked on acceptance,
an existing portal account linked instead, access still by consent."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from reintegra.accounts.models import Membership, Role, User
from reintegra.cases.models import CaseEvent, Participant
from reintegra.cases.services.participants import participant_create
from reintegra.consents.services import consent_record
from reintegra.portal.models import PortalInvite
from reintegra.portal.services import participant_invite_status

from .conftest import api_for, web_for

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

PASSWORD = "Ein langer Satz als Passwort"


@pytest.fixture
def physician(alice, case):
    return participant_create(
        actor=alice,
        case=case,
        data={"role": "employer_contact", "name": "Erika Vorgesetzte", "email": "erika@example.org"},
    )


def _invite(api, case, participant):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return api.post(f"/api/v1/cases/{case.pk}/participants/{participant.pk}/invite/")


def _link_from_mail():
    match = re.search(r"(?:https?://[^/\s]+)?/portal/invite/[^/\s]+/", mail.outbox[-1].body)
    assert match
    return urlsplit(match.group(0)).path


def test_invite_by_api_mails_a_link_and_accepting_links_the_account(alice, case, physician, client):
    response = _invite(api_for(alice), case, physician)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["emailed"] is True and body["reminder"] is False and body["expires_at"]
    assert "portal/invite" not in response.content.decode()  # the link goes only by e-mail
    assert mail.outbox[-1].to == ["erika@example.org"]
    assert "Müller" not in mail.outbox[-1].subject and "Müller" not in mail.outbox[-1].body
    invite = PortalInvite.objects.get(participant=physician)
    assert invite.client_id is None
    assert CaseEvent.objects.filter(case=case, kind="participant_invited").exists()
    assert participant_invite_status([physician])[physician.pk] == invite.created_at
    listed = api_for(alice).get(f"/api/v1/cases/{case.pk}/participants/").json()["results"]
    assert [row["invited_at"] for row in listed if row["id"] == str(physician.pk)] == [invite.created_at.isoformat()]

    link = _link_from_mail()
    assert "Erika" in client.get(link).content.decode()
    accepted = client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD})
    assert accepted.status_code == 302, accepted.content
    physician.refresh_from_db()
    user = physician.user
    assert user is not None and user.email == "erika@example.org" and user.organisation_id == case.organisation_id
    assert Membership.objects.filter(user=user, role=Role.EMPLOYER_CONTACT).exists()
    assert CaseEvent.objects.filter(case=case, kind="participant_invite_accepted").exists()
    # no consent yet: the portal shows nothing of the case
    home = client.get("/portal/employer/")
    assert home.status_code == 200 and case.reference not in home.content.decode()
    consent_record(actor=alice, case=case, purpose="share_with_employer", form="written", given_on=timezone.localdate())
    assert case.reference in client.get("/portal/employer/").content.decode()
    # the link worked once
    assert client.get(link).status_code == 410


def test_inviting_again_an_account_in_use_sends_a_reminder(alice, case, physician, client):
    api = api_for(alice)
    _invite(api, case, physician)
    link = _link_from_mail()
    client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD})
    again = _invite(api, case, physician)
    assert again.status_code == 201 and again.json()["reminder"] is True
    assert "/portal/invite/" not in mail.outbox[-1].body
    assert CaseEvent.objects.filter(case=case, kind="participant_sign_in_reminder_sent").exists()


def test_refusals(alice, bob, case, physician, emil, dora):
    api = api_for(alice)
    no_mail = participant_create(actor=alice, case=case, data={"role": "physician", "name": "Dr. Ohne"})
    response = _invite(api, case, no_mail)
    assert response.status_code == 400 and "email" in response.json()
    # an address of an existing account: link that account instead
    User.objects.filter(pk=emil.pk).update(email="emil@example.org")
    taken = participant_create(
        actor=alice, case=case, data={"role": "employer_contact", "name": "Emil", "email": "Emil@example.org"}
    )
    response = _invite(api, case, taken)
    assert response.status_code == 400 and "email" in response.json()
    # people who may not: 404 when they do not see the case, 403 for data protection (no case role)
    assert _invite(api_for(bob), case, physician).status_code == 404
    assert _invite(api_for(dora), case, physician).status_code in (403, 404)
    assert not PortalInvite.objects.exists()


def test_linking_an_existing_portal_account(alice, case, physician, emil, juerg, dora):
    api = api_for(alice)
    url = f"/api/v1/cases/{case.pk}/participants/{physician.pk}/account/"
    for wrong in (dora, juerg, alice):  # staff and client accounts are never linked as participants
        response = api.post(url, {"user": str(wrong.pk)}, format="json")
        assert response.status_code == 400 and "user" in response.json(), wrong
    response = api.post(url, {"user": str(emil.pk)}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["has_account"] is True
    assert Participant.objects.get(pk=physician.pk).user_id == emil.pk
    assert CaseEvent.objects.filter(case=case, kind="participant_account_linked").exists()


def test_case_page_row_shows_account_and_last_invitation(alice, case, physician):
    web = web_for(alice)
    page = web.get(f"/cases/{case.pk}/").content.decode()
    assert f"/portal/cases/{case.pk}/participants/{physician.pk}/" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = web.post(f"/portal/cases/{case.pk}/participants/{physician.pk}/", {"action": "invite"})
    assert response.status_code == 200
    assert "/portal/invite/" not in response.content.decode()
    page = web.get(f"/cases/{case.pk}/").content.decode()
    assert timezone.localdate().strftime("%-d.%-m.%Y") in page
