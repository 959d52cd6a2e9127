"""The people most tests need, shared by every app's tests (a pytest plugin, see conftest.py).

An organisation "Alice AG" with the shipped case types and a unit "Basel"; the owning case
manager alice, bob (same unit), the unit's team lead, data protection, an org admin without a
case role, an employer contact (portal), and charlie, a case manager of another organisation.
An app's own conftest may override any of them.
"""

import pytest
from django.test import Client
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
    """The unit's team lead: sees the unit's cases."""
    return member(UserFactory(username="lead", organisation=org), Role.TEAM_LEAD, unit)


@pytest.fixture
def dora(org):
    """Data protection in the same organisation: no case content."""
    return member(UserFactory(username="dora", organisation=org), Role.DATA_PROTECTION)


@pytest.fixture
def admin(org):
    """An organisation admin without a case role."""
    return member(UserFactory(username="orgadmin", organisation=org), Role.ORG_ADMIN)


@pytest.fixture
def employer(org):
    """A portal user (employer contact)."""
    return member(UserFactory(username="employer", organisation=org), Role.EMPLOYER_CONTACT)


@pytest.fixture
def charlie():
    """A case manager of another organisation."""
    other = OrganisationFactory(name="Charlie GmbH")
    case_types_ensure_shipped(organisation=other)
    return member(UserFactory(username="charlie", organisation=other), Role.CASE_MANAGER)


def api_for(user):
    """A DRF test client signed in as `user`."""
    client = APIClient()
    client.force_authenticate(user)
    return client


def web_for(user, **headers):
    """A browser session (Django's test client, with `headers` such as HTTP_ACCEPT_LANGUAGE) signed in as `user`."""
    client = Client(**headers)
    client.force_login(user)
    return client


@pytest.fixture
def web(client, alice):
    """A browser session signed in as alice."""
    client.force_login(alice)
    return client
