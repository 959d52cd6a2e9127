import pytest
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.cases.services.case import case_types_ensure_shipped


@pytest.fixture
def org():
    organisation = OrganisationFactory(name="Alice AG")
    case_types_ensure_shipped(organisation=organisation)
    return organisation


@pytest.fixture
def unit(org):
    return UnitFactory(organisation=org, name="Basel")


@pytest.fixture
def alice(org, unit):
    """The owning case manager."""
    return member(
        UserFactory(username="alice", first_name="Alice", last_name="Owner", organisation=org),
        Role.CASE_MANAGER,
        unit,
    )


@pytest.fixture
def bob(org, unit):
    """A case manager of the same unit (sees only his own cases by default)."""
    return member(UserFactory(username="bob", organisation=org), Role.CASE_MANAGER, unit)


@pytest.fixture
def lead(org, unit):
    return member(UserFactory(username="lead", organisation=org), Role.TEAM_LEAD, unit)


@pytest.fixture
def charlie():
    """A case manager of another organisation."""
    other = OrganisationFactory(name="Charlie GmbH")
    case_types_ensure_shipped(organisation=other)
    return member(UserFactory(username="charlie", organisation=other), Role.CASE_MANAGER)


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


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
