"""Hostile bodies: deep nesting and oversized requests are a 400 (JSON for the API), never a 500."""

import pytest

from reintegra.core.api.parsers import MAX_DEPTH, nesting_depth

pytestmark = pytest.mark.django_db

TWENTY_MB = 20 * 1024 * 1024


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # a 500 must show as a 500, not as a raised error
    return client


def test_a_thousand_levels_of_nesting_to_the_token_endpoint_is_a_json_400(client):
    body = "[" * 1000 + "]" * 1000
    response = client.post("/api/v1/auth/token/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON-Fehler: mehr als 32 Ebenen verschachtelt."}  # German first
    english = client.post("/api/v1/auth/token/", data=body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"detail": "JSON parse error - nested more than 32 levels deep."}


def test_nesting_just_past_the_limit_is_refused_before_any_view_sees_it(client, alice):
    client.force_login(alice)
    body = '{"a": ' * MAX_DEPTH + "1" + "}" * MAX_DEPTH
    at_limit = client.post("/api/v1/cases/", data=body, content_type="application/json")
    assert at_limit.status_code == 400  # parsed; the serializer names the missing fields
    assert "verschachtelt" not in at_limit.content.decode()
    deeper = '{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1)
    response = client.post("/api/v1/cases/", data=deeper, content_type="application/json")
    assert response.status_code == 400
    assert "verschachtelt" in response.json()["detail"]


def test_nesting_depth_counts_lists_and_objects_without_recursing():
    assert nesting_depth(1) == 0
    assert nesting_depth({"a": [1, {"b": []}]}) == 4
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert nesting_depth(deep) > MAX_DEPTH


def test_a_twenty_megabyte_body_to_the_api_is_a_json_400(client):
    body = '{"username": "' + "a" * TWENTY_MB + '", "password": "x"}'
    response = client.post("/api/v1/auth/token/", data=body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The request is too large."}


def test_a_twenty_megabyte_form_to_a_page_is_an_html_400(client):
    body = "username=" + "a" * TWENTY_MB
    response = client.post("/accounts/login/", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
