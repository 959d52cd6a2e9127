"""Inviting the client: the case worker's page, the one-time link, accepting it, used and expired links."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from reintegra.accounts.models import Membership, Role, User
from reintegra.accounts.tests.factories import UserFactory
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent
from reintegra.portal.models import PortalInvite
from reintegra.portal.services import token_hash

from .conftest import web_for

pytestmark = pytest.mark.django_db

PASSWORD = "Ein langer Satz als Passwort"


def invite_link(web, case):
    """Send the invitation; the link is read from the e-mail, the only place it appears."""
    sent = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = web.post(f"/portal/cases/{case.pk}/invite/")
    assert response.status_code == 200, response.content
    assert len(mail.outbox) == sent + 1
    match = re.search(r"(?:https?://[^/\s]+)?/portal/invite/[^/\s]+/", mail.outbox[-1].body)
    assert match
    assert "/portal/invite/" not in response.content.decode()  # never shown to staff
    return urlsplit(match.group(0)).path


def test_case_worker_sees_status_and_creates_a_link(alice, case):
    web = web_for(alice)
    page = web.get(f"/portal/cases/{case.pk}/invite/")
    assert page.status_code == 200
    assert "noch kein Portal-Konto" in page.content.decode()
    link = invite_link(web, case)
    invite = PortalInvite.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert invite.token_hash == token_hash(token) and token not in invite.token_hash
    assert invite.expires_at - timezone.now() > timedelta(days=6, hours=23)
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body and mail.outbox[0].to == ["juerg@example.org"]
    assert link not in web.get(f"/portal/cases/{case.pk}/invite/").content.decode()
    assert "Müller" not in mail.outbox[0].subject
    assert CaseEvent.objects.filter(case=case, kind="portal_invite_created").exists()
    assert AccessLogEntry.objects.filter(object_type="portal_invite", action="change", username="alice").exists()


def test_a_new_link_invalidates_the_older_one(alice, case, client):
    web = web_for(alice)
    first = invite_link(web, case)
    second = invite_link(web, case)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


@pytest.mark.parametrize("who", ["bob", "dora", "charlie", "emil", "juerg"])
def test_others_cannot_invite(request, case, who):
    user = request.getfixturevalue(who)
    web = web_for(user)
    assert web.get(f"/portal/cases/{case.pk}/invite/").status_code in (403, 404)
    assert web.post(f"/portal/cases/{case.pk}/invite/").status_code in (403, 404)
    assert not PortalInvite.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, case):
    response = client.get(f"/portal/cases/{case.pk}/invite/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_accept_creates_the_account_signs_in_and_works_once(alice, case, client, django_capture_on_commit_callbacks):
    link = invite_link(web_for(alice), case)
    page = client.get(link)
    assert page.status_code == 200 and "juerg@example.org" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    user = User.objects.get(username="juerg@example.org")
    case.client.refresh_from_db()
    assert case.client.user == user and user.organisation == case.organisation
    assert Membership.objects.filter(user=user, role=Role.CLIENT, organisation=case.organisation).exists()
    assert client.get("/portal/").status_code == 200  # signed in
    assert CaseEvent.objects.filter(case=case, kind="portal_invite_accepted").exists()
    assert AccessLogEntry.objects.filter(object_type="portal_account", username="juerg@example.org").exists()
    client.logout()
    gone = client.get(link)
    assert gone.status_code == 410
    assert client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD}).status_code == 410


def test_weak_or_different_passwords_are_refused_on_the_field(alice, case, client):
    link = invite_link(web_for(alice), case)
    weak = client.post(link, {"password": "12345", "password_confirm": "12345"})
    assert weak.status_code == 400
    assert 'id="id_password-error"' in weak.content.decode()
    different = client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD + "x"})
    assert different.status_code == 400 and 'id="id_password_confirm-error"' in different.content.decode()
    assert not User.objects.filter(username="juerg@example.org").exists()
    assert PortalInvite.objects.get().used_at is None


def test_expired_and_unknown_links_are_gone(alice, case, client):
    link = invite_link(web_for(alice), case)
    PortalInvite.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link).status_code == 410
    assert client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD}).status_code == 410
    assert client.get("/portal/invite/nonsense/").status_code == 410
    assert not User.objects.filter(username="juerg@example.org").exists()


def test_reinviting_an_active_account_sends_a_sign_in_reminder_and_keeps_the_password(alice, case, juerg):
    web = web_for(alice)
    assert "Anmelde-Erinnerung senden" in web.get(f"/portal/cases/{case.pk}/invite/").content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = web.post(f"/portal/cases/{case.pk}/invite/")
    assert response.status_code == 200
    assert not PortalInvite.objects.exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["juerg@example.org"]
    body = mail.outbox[0].body
    assert juerg.get_username() in body and "/accounts/login/" in body and "/portal/invite/" not in body
    juerg.refresh_from_db()
    assert not juerg.check_password(PASSWORD)
    assert CaseEvent.objects.filter(case=case, kind="portal_sign_in_reminder_sent").exists()


def test_an_older_link_cannot_set_the_password_of_an_account_in_use(alice, case, client):
    """The takeover: a link made before the account was set up must not reset it afterwards."""
    first = invite_link(web_for(alice), case)
    second_client = type(client)()
    assert client.post(first, {"password": PASSWORD, "password_confirm": PASSWORD}).status_code == 302
    user = User.objects.get(client_profile=case.client)
    # a second, still open invite (made by hand, as an old link would be) is refused
    from reintegra.portal.services import portal_invite_create

    case.client.refresh_from_db()
    created = portal_invite_create(actor=alice, case=case, send_email=False)
    assert created.reminder and created.invite is None
    invite = PortalInvite.objects.create(
        case=case,
        client=case.client,
        token_hash=token_hash("old-link"),
        expires_at=timezone.now() + timedelta(days=1),
        created_by=alice,
    )
    assert second_client.get("/portal/invite/old-link/").status_code == 410
    other = "Ein anderes langes Passwort"
    taken = second_client.post("/portal/invite/old-link/", {"password": other, "password_confirm": other})
    assert taken.status_code == 410
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    invite.refresh_from_db()
    assert invite.used_at is None


def test_an_invitation_needs_the_clients_email(alice, case):
    case.client.email = ""
    case.client.save(update_fields=["email"])
    response = web_for(alice).post(f"/portal/cases/{case.pk}/invite/")
    assert response.status_code == 409
    assert "E-Mail" in response.content.decode()
    assert not PortalInvite.objects.exists() and not mail.outbox


def test_username_falls_back_to_the_name_when_the_email_is_taken(alice, case, client):
    UserFactory(username="juerg@example.org")
    link = invite_link(web_for(alice), case)
    client.post(link, {"password": PASSWORD, "password_confirm": PASSWORD})
    case.client.refresh_from_db()
    assert case.client.user.username == "jurg.muller"
