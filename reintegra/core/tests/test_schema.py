import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_openapi_3_and_lists_the_base_routes(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/auth/token/" in schema["paths"]
    assert "/api/v1/me/" in schema["paths"]
    assert "TokenAuth" in str(schema["components"]["securitySchemes"]) or "tokenAuth" in str(
        schema["components"]["securitySchemes"]
    )


def test_api_docs_page_is_served_without_external_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "swagger" in body.lower()
    assert "cdn." not in body
    assert "unpkg" not in body


def test_schema_generation_has_no_warnings(capsys):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


# --- #21 item 14: the schema says what the API does ------------------------------------------


def _schema(client):
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_every_operation_documents_its_error_answers_with_a_body(client):
    schema = _schema(client)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "403" in responses, f"{method} {path}"
            if "{" in path:
                assert "404" in responses, f"{method} {path}"
            if method in ("post", "put", "patch", "delete"):
                assert {"400", "409"} <= set(responses), f"{method} {path}"
            for status, answer in responses.items():
                if status.startswith("4"):
                    assert "application/json" in answer["content"], f"{method} {path} {status}"
    assert "401" in schema["paths"]["/api/v1/cases/"]["get"]["responses"]
    assert "401" not in schema["paths"]["/api/v1/introduce/office-hours/{id}/sign-up/"]["post"]["responses"]
    assert schema["components"]["schemas"]["ConflictError"]["required"] == ["detail", "code"]


def test_paginated_and_enveloped_lists_are_documented_as_their_envelope(client):
    schema = _schema(client)
    for path in (
        "/api/v1/cases/{case_id}/consents/",
        "/api/v1/cases/{case_id}/events/",
        "/api/v1/cases/{case_id}/notes/",
        "/api/v1/cases/{case_id}/participants/",
        "/api/v1/case-types/",
        "/api/v1/screening/",
    ):
        ref = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert body["type"] == "object" and {"results", "next"} <= set(body["properties"]), path
    plan = schema["paths"]["/api/v1/cases/{case_id}/plan/"]["get"]["responses"]["200"]
    assert plan["content"]["application/json"]["schema"]["$ref"].endswith("/Plan")


def test_patch_bodies_require_the_version(client):
    schemas = _schema(client)["components"]["schemas"]
    patched = [name for name, body in schemas.items() if name.startswith("Patched") and "version" in body["properties"]]
    assert patched
    assert all("version" in schemas[name]["required"] for name in patched)


@pytest.mark.parametrize("query", ["page_size=0", "page_size=-3", "page_size=x", "page_size=101", "cursor=%F3%BD"])
def test_invalid_page_size_or_cursor_is_a_400_naming_the_field(alice, query):
    from tests.support.people import api_for

    response = api_for(alice).get(f"/api/v1/cases/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_an_api_path_no_route_matches_answers_json(alice):
    from tests.support.people import api_for

    response = api_for(alice).get("/api/v1/cases/not-a-uuid/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nicht gefunden."} or "detail" in response.json()
