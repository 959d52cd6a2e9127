import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_token_for_correct_credentials(api, alice):
    response = api.post("/api/v1/auth/token/", {"username": "alice", "password": "correct-horse-battery"})
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "alice", "password": "wrong"}, "non_field_errors"),
        ({"username": "nobody", "password": "x"}, "non_field_errors"),
        ({"username": "alice"}, "password"),
        ({}, "username"),
        ({"username": ["a"], "password": {"x": 1}}, "username"),
    ],
)
def test_token_refused_with_400_naming_the_field(api, alice, payload, field):
    response = api.post("/api/v1/auth/token/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_token_endpoint_rejects_malformed_json_with_400(api):
    response = api.generic("POST", "/api/v1/auth/token/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_me_without_auth_is_401_with_www_authenticate(api):
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert "detail" in response.json()


def test_me_with_bad_token_is_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert api.get("/api/v1/me/").status_code == 401


def test_me_answers_with_organisation_and_roles(api, alice):
    api.force_authenticate(alice)
    body = api.get("/api/v1/me/").json()
    assert body == {
        "id": str(alice.pk),
        "username": "alice",
        "display_name": "Alice Owner",
        "organisation": {"id": str(alice.organisation.pk), "name": "Alice AG", "slug": "alice-ag"},
        "roles": ["case_manager"],
    }


def test_me_through_browser_session(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/me/").json()["username"] == "alice"
