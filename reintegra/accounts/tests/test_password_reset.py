"""Password reset by e-mail (issue #21 item 4): one-time, expiring, the same answer for any address, rate-limited."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from reintegra.accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


@pytest.fixture
def alice_mail(alice):
    alice.email = "alice@example.ch"
    alice.save()
    return alice


def _link(message) -> str:
    return re.search(r"(/accounts/password/reset/[^/\s]+/[^/\s]+/)", message.body).group(1)


def test_same_answer_whether_or_not_the_address_exists(client, alice_mail):
    known = client.post(RESET, {"email": "alice@example.ch"})
    unknown = client.post(RESET, {"email": "nobody@example.ch"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.ch"]


def test_the_link_sets_a_password_once_and_revokes_api_tokens(client, alice_mail):
    token = api_token_create(user=alice_mail, client="test")
    client.post(RESET, {"email": "alice@example.ch"})
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Winter-Licht-2026", "new_password2": "Winter-Licht-2026"}
    )
    assert done.status_code == 302
    alice_mail.refresh_from_db()
    assert alice_mail.check_password("Winter-Licht-2026")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 401
    again = client.get(link, follow=True)
    assert "new_password1" not in again.content.decode()  # used: says so, offers a new link
    assert RESET in again.content.decode()


def test_expired_link_no_longer_works(client, alice_mail, settings):
    client.post(RESET, {"email": "alice@example.ch"})
    link = _link(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1
    page = client.get(link, follow=True)
    assert "new_password1" not in page.content.decode()


def test_rate_limited_per_address_and_per_email(client, alice_mail, settings):
    settings.RATELIMIT_ENABLE = True
    from django.core.cache import caches

    caches["ratelimit"].clear()
    for _ in range(5):
        client.post(RESET, {"email": "alice@example.ch"})
    assert len(mail.outbox) == 3  # at most three links an hour per address
    answers = [client.post(RESET, {"email": f"x{i}@example.ch"}).status_code for i in range(8)]
    assert 429 in answers
    caches["ratelimit"].clear()
