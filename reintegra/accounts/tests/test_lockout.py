import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from reintegra.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = "correct-horse-battery"


def fail_ui(client, times, username="alice"):
    for _ in range(times):
        client.post(reverse("accounts:login"), {"username": username, "password": "wrong"})


def test_ui_locks_after_five_failures_even_with_the_right_password(client):
    UserFactory(username="alice")
    fail_ui(client, 5)
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": GOOD})
    assert response.status_code == 429
    assert "15" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_api_token_locks_too_and_shares_the_count_with_the_ui(client):
    UserFactory(username="alice")
    fail_ui(client, 3)
    api = APIClient()
    assert api.post("/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="json").status_code == 400
    api.post("/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="json")  # the fifth failure
    locked = api.post("/api/v1/auth/token/", {"username": "alice", "password": GOOD}, format="json")
    assert locked.status_code == 429
    assert "locked" in locked.json()["detail"]


def test_a_successful_sign_in_resets_the_count(client):
    UserFactory(username="alice")
    fail_ui(client, 4)
    assert client.post(reverse("accounts:login"), {"username": "alice", "password": GOOD}).status_code == 302
    client.logout()
    fail_ui(client, 4)
    assert client.post(reverse("accounts:login"), {"username": "alice", "password": GOOD}).status_code == 302


def test_lockout_ends_after_the_cool_off_period(client):
    UserFactory(username="alice")
    fail_ui(client, 5)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    assert client.post(reverse("accounts:login"), {"username": "alice", "password": GOOD}).status_code == 302


@override_settings(SESSION_ABSOLUTE_SECONDS=0)
def test_session_ends_after_its_absolute_lifetime(client):
    client.force_login(UserFactory())
    client.get(reverse("core:home"))  # stamps the start
    time.sleep(1.1)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302


def test_session_idles_out_after_30_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_RENEW_SECONDS == 60  # idle limit between 29 and 30 minutes


def _session_row(client, settings):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_an_active_session_is_renewed_once_a_minute_not_on_every_request(client, settings):
    client.force_login(UserFactory())
    client.get(reverse("core:home"))  # stamps start and renewal: saved
    first = _session_row(client, settings).expire_date
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # cookie not sent anew either
    assert _session_row(client, settings).expire_date == first

    settings.SESSION_RENEW_SECONDS = 0  # the renewal is due: the row and the cookie get a new expiry
    response = client.get(reverse("core:home"))
    assert _session_row(client, settings).expire_date > first
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


def test_wrong_usernames_from_one_address_do_not_lock_out_another_account(client):
    UserFactory(username="carla")
    for name in ("mallory1", "mallory2", "mallory3", "mallory4", "mallory5", "mallory6"):
        fail_ui(client, 1, username=name)
    assert client.post(reverse("accounts:login"), {"username": "carla", "password": GOOD}).status_code == 302


def test_the_lock_is_per_account_and_address_behind_a_trusted_proxy(settings):
    settings.REINTEGRA_TRUSTED_PROXY_COUNT = 1
    UserFactory(username="alice")
    attacker = APIClient(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(5):
        attacker.post("/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="json")
    assert (
        attacker.post("/api/v1/auth/token/", {"username": "alice", "password": GOOD}, format="json").status_code == 429
    )
    # Alice behind the same proxy, from her own address, still signs in.
    alice = APIClient(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert alice.post("/api/v1/auth/token/", {"username": "alice", "password": GOOD}, format="json").status_code == 200


def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy():
    UserFactory(username="alice")
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        APIClient(HTTP_X_FORWARDED_FOR=forged).post(
            "/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="json"
        )
    locked = APIClient(HTTP_X_FORWARDED_FOR="6.6.6.6").post(
        "/api/v1/auth/token/", {"username": "alice", "password": GOOD}, format="json"
    )
    assert locked.status_code == 429


def test_a_successful_token_sign_in_resets_the_count():
    UserFactory(username="alice")
    api = APIClient()
    for _ in range(4):
        api.post("/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="json")
    assert api.post("/api/v1/auth/token/", {"username": "alice", "password": GOOD}, format="json").status_code == 200
    for _ in range(4):
        api.post("/api/v1/auth/token/", {"username": "alice", "password": "x"}, format="json")
    assert api.post("/api/v1/auth/token/", {"username": "alice", "password": GOOD}, format="json").status_code == 200
