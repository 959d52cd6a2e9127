import pytest

from reintegra.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy")


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/me/", "/api/schema/", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    for header in SECURITY_HEADERS:
        assert header in response, header
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_pages_for_signed_in_people_are_not_cached(client):
    client.force_login(UserFactory())
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/me/").headers["Cache-Control"] == "no-store"
