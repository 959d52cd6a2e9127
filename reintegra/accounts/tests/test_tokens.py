"""API tokens (django-rest-knox): one per program, expiring, revocable, gone on password change."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def token_for(alice, client=""):
    response = APIClient().post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD, "client": client})
    assert response.status_code == 200
    return response.json()["token"]


def api_with(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def test_each_sign_in_makes_its_own_token_stored_only_as_a_hash(alice):
    first, second = token_for(alice, "Excel"), token_for(alice, "Power BI")
    assert first != second
    assert api_with(first).get("/api/v1/me/").status_code == 200
    assert api_with(second).get("/api/v1/me/").status_code == 200
    stored = ApiToken.objects.filter(user=alice)
    assert sorted(stored.values_list("client", flat=True)) == ["Excel", "Power BI"]
    assert not stored.filter(digest__in=[first, second]).exists()


def test_a_token_expires_twelve_hours_after_its_last_use(alice):
    token = token_for(alice)
    row = ApiToken.objects.get(user=alice)
    assert timedelta(hours=11, minutes=59) < row.expiry - timezone.now() <= timedelta(hours=12)
    ApiToken.objects.filter(pk=row.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert api_with(token).get("/api/v1/me/").status_code == 401


def test_use_slides_the_expiry_but_never_past_the_absolute_limit(alice, settings):
    token = token_for(alice)
    row = ApiToken.objects.get(user=alice)
    ApiToken.objects.filter(pk=row.pk).update(expiry=timezone.now() + timedelta(hours=1))
    assert api_with(token).get("/api/v1/me/").status_code == 200
    row.refresh_from_db()
    assert row.expiry - timezone.now() > timedelta(hours=11)
    assert row.last_used_at is not None
    ApiToken.objects.filter(pk=row.pk).update(
        created=timezone.now() - timedelta(days=30) + timedelta(minutes=5), expiry=timezone.now() + timedelta(seconds=1)
    )
    assert api_with(token).get("/api/v1/me/").status_code == 200
    row.refresh_from_db()
    assert timedelta(minutes=4) < row.expiry - timezone.now() <= timedelta(minutes=5)  # capped, not 12 hours


def test_logout_revokes_this_token_and_logout_all_every_token(alice):
    first, second, third = token_for(alice), token_for(alice), token_for(alice)
    assert api_with(first).post("/api/v1/auth/logout/").status_code == 204
    assert api_with(first).get("/api/v1/me/").status_code == 401
    assert api_with(second).get("/api/v1/me/").status_code == 200
    assert api_with(second).post("/api/v1/auth/logout-all/").status_code == 204
    assert api_with(third).get("/api/v1/me/").status_code == 401
    assert not ApiToken.objects.filter(user=alice).exists()


def test_an_inactive_person_s_token_answers_401(alice):
    token = token_for(alice)
    alice.is_active = False
    alice.save()
    assert api_with(token).get("/api/v1/me/").status_code == 401


def test_changing_the_password_revokes_every_token(client, alice):
    token = token_for(alice)
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "an-entirely-new-secret-42",
            "new_password2": "an-entirely-new-secret-42",
        },
    )
    assert response.status_code == 302
    assert api_with(token).get("/api/v1/me/").status_code == 401
    assert client.get(reverse("accounts:password_change")).status_code == 200  # the session stays


def test_a_wrong_old_password_is_a_form_error_and_tokens_stay(client, alice):
    token = token_for(alice)
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "nope",
            "new_password1": "an-entirely-new-secret-42",
            "new_password2": "an-entirely-new-secret-42",
        },
    )
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    assert api_with(token).get("/api/v1/me/").status_code == 200


def test_the_token_page_lists_tokens_with_last_use_and_revokes_one_or_all(client, alice):
    token = token_for(alice, "Excel")
    api_with(token).get("/api/v1/me/")
    other = token_for(alice, "Skript")
    client.force_login(alice)
    page = client.get(reverse("accounts:api_token")).content.decode()
    assert "Excel" in page and "Skript" in page
    assert token not in page and other not in page  # a token is shown only when it is made
    key = ApiToken.objects.get(client="Excel").token_key
    client.post(reverse("accounts:api_token"), {"action": "revoke", "token_key": key})
    assert api_with(token).get("/api/v1/me/").status_code == 401
    assert api_with(other).get("/api/v1/me/").status_code == 200
    client.post(reverse("accounts:api_token"), {"action": "revoke_all"})
    assert api_with(other).get("/api/v1/me/").status_code == 401


def test_the_token_page_makes_a_token_and_shows_it_once(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:api_token"), {"action": "create", "client": "Excel"})
    token = response.context["token"]
    assert token in response.content.decode()
    assert api_with(token).get("/api/v1/me/").status_code == 200
    assert token not in client.get(reverse("accounts:api_token")).content.decode()


def test_a_program_name_longer_than_100_characters_is_refused(alice):
    response = APIClient().post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD, "client": "x" * 101})
    assert response.status_code == 400 and "client" in response.json()
