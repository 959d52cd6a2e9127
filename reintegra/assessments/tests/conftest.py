"""The fixed people (owner alice, same-unit bob, team lead, outsider charlie) and a case of alice's."""

import pytest
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.cases.models import Case, CaseStatus
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
    """The unit's team lead: sees and may work on the unit's cases."""
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
    "summary": "Rückenschmerzen, lange Abwesenheit",
}


@pytest.fixture
def case(api, unit):
    response = api.post("/api/v1/cases/", {**NEW_CASE, "unit": str(unit.pk)}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def close_case():
    def close(case_id):
        Case.objects.filter(pk=case_id).update(status=CaseStatus.CLOSED)

    return close


PROBLEM = {
    "domain": "health",
    "kind": "problem",
    "text": "Rückenschmerzen beim Heben",
    "professional_rating": 3,
    "client_rating": 1,
    "icf_code": "b280",
}
RESOURCE = {
    "domain": "social",
    "kind": "resource",
    "text": "Ehefrau unterstützt stark",
    "professional_rating": 3,
    "client_rating": 4,
    "icf_code": "e310",
    "source_name": "Frau Müller",
}
NEED = {"domain": "work", "kind": "need", "text": "Möchte an den Arbeitsplatz zurück", "icf_code": "d850"}
ASSESSMENT = {"date": "2026-11-03", "items": [PROBLEM, RESOURCE, NEED]}
