"""A case of alice's, the way most tests need one (a pytest plugin, see conftest.py).

`case` is opened through the API by `api` (alice) and is the API's JSON of it; `case_via_api`
opens one for any API client and `case_for` one through the service (a model instance) for the
tests below the API. An app's conftest may override `case`, e.g. to add what its app needs first.
"""

from typing import Any

import pytest

from reintegra.cases.models import Case, CaseType
from reintegra.cases.services.case import case_create
from tests.support.people import api_for

NEW_CASE: dict[str, Any] = {
    "case_type": "bem",
    "client": {"first_name": "Jürg", "last_name": "Müller", "birth_date": "1975-04-02"},
    "commissioning_party": {"name": "Alice AG HR", "kind": "employer"},
    "summary": "Rückenschmerzen, lange Abwesenheit",
}


def case_via_api(api: Any, **changes: Any) -> dict[str, Any]:
    """POST a new case (NEW_CASE with `changes`; `client` values are merged) and return its JSON.

    Tests open many cases for the same made-up client: the helper confirms a new client each
    time (`confirm_new_client`), so the duplicate check (test_api_duplicates.py) stays out of the way."""
    body = {
        **NEW_CASE,
        "confirm_new_client": True,
        **changes,
        "client": {**NEW_CASE["client"], **changes.get("client", {})},
    }
    response = api.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def case_for(actor: Any, *, case_type: str = "bem", first: str = "Jürg", last: str = "Müller", **kwargs: Any) -> Case:
    """A case opened by `actor` through the service (client names as given; `kwargs` to case_create)."""
    kind = CaseType.objects.get(organisation=actor.organisation, key=case_type)
    client = {"first_name": first, "last_name": last, **kwargs.pop("client", {})}
    return case_create(actor=actor, case_type=kind, client=client, **kwargs)


@pytest.fixture
def api(alice):
    """alice's API client."""
    return api_for(alice)


@pytest.fixture
def case(api):
    """alice's new BEM case, as the API answers it."""
    return case_via_api(api)
