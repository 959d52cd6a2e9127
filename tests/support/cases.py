"""A case of alice's, the way most tests need one (a pytest plugin, see conftest.py).

`case` is opened through the API by alice and is the API's JSON of it; `case_model` is the same
case opened through the service, a model instance, for the tests below the API. An app whose
tests use the model instance as `case` says so in its conftest, without a copy:

    from tests.support.cases import case_model as case  # noqa: F401  (this app's `case`)

`case_via_api` opens a case for any API client and `case_for` one through the service for any
actor. An app's conftest may still build on `case` (e.g. questionnaires ship theirs first).
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
def case(alice):
    """alice's new BEM case, as the API answers it (opened by alice even where an app's `api` is
    another client, e.g. the anonymous one of the public pages)."""
    return case_via_api(api_for(alice))


@pytest.fixture
def case_model(alice):
    """alice's new BEM case as a model instance, opened through the service with NEW_CASE's values
    (Jürg Müller, who has an e-mail address for portal invitations)."""
    return case_for(
        alice,
        client={"email": "juerg@example.org"},
        commissioning_party=NEW_CASE["commissioning_party"],
        summary=NEW_CASE["summary"],
    )
