import pytest

from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


@pytest.fixture
def api(alice):
    return api_for(alice)


NEW_CASE = {
    "case_type": "bem",
    "client": {"first_name": "Jürg", "last_name": "Müller", "birth_date": "1975-04-02"},
    "commissioning_party": {"name": "Alice AG HR", "kind": "employer"},
    "summary": "Rückenschmerzen, lange Abwesenheit",
}


@pytest.fixture
def case(api):
    response = api.post("/api/v1/cases/", NEW_CASE, format="json")
    assert response.status_code == 201, response.content
    return response.json()
