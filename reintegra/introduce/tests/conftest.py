"""Fixed people and objects for the introduce tests, on top of the shared plugin (tests/support/people.py).

The app is about the organisation, not cases, so some people differ from the shared ones.
Alice AG (without case types, unit Zürich): alice (organisation admin), tina (team lead) are
the editors here. From the shared plugin: bob (case manager), dora (data protection), admin,
employer (portal only), `web` (a browser signed in as alice) and `api_for(user)`. Charlie GmbH:
charlie (organisation admin of another organisation, so he can edit there).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.introduce.models import DocumentTemplate, ImplementationProject, OfficeHourSession


@pytest.fixture
def org():
    return OrganisationFactory(name="Alice AG")


@pytest.fixture
def unit(org):
    return UnitFactory(organisation=org, name="Zürich")


@pytest.fixture
def other_org():
    return OrganisationFactory(name="Charlie GmbH")


@pytest.fixture
def alice(org):
    return member(
        UserFactory(username="alice", first_name="Alice", last_name="Admin", organisation=org), Role.ORG_ADMIN
    )


@pytest.fixture
def tina(org):
    return member(UserFactory(username="tina", first_name="Tina", last_name="Lead", organisation=org), Role.TEAM_LEAD)


@pytest.fixture
def charlie(other_org):
    return member(UserFactory(username="charlie", organisation=other_org), Role.ORG_ADMIN)


@pytest.fixture
def api():
    """An API client without a user (the public sign-up); signed-in clients come from `api_for(user)`."""
    return APIClient()


@pytest.fixture
def project(org):
    return ImplementationProject.objects.create(organisation=org, title="Einführung CM")


@pytest.fixture
def other_project(other_org):
    return ImplementationProject.objects.create(organisation=other_org, title="Fremdes Projekt")


@pytest.fixture
def template(org):
    return DocumentTemplate.objects.create(
        organisation=org, kind="message", title="Mitteilung für {{client_name}}", body="Hallo {{client_first_name}}"
    )


@pytest.fixture
def session(org):
    return OfficeHourSession.objects.create(
        organisation=org,
        title="Sprechstunde Einführung",
        starts_at=timezone.now() + timedelta(days=3),
        online_url="https://meet.example.org/x",
        capacity=2,
    )
