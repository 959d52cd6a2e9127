"""People for the directory tests: staff of one organisation, portal users, an outsider."""

import pytest
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UserFactory, member
from reintegra.network.models import ProviderCategory
from reintegra.network.tests.factories import OfferFactory, ProviderFactory


@pytest.fixture
def org():
    return OrganisationFactory(name="Test AG", currency="CHF")


@pytest.fixture
def other_org():
    return OrganisationFactory(name="Sozialdienst Test", currency="EUR")


def _person(username, organisation, role):
    return member(UserFactory(username=username, first_name=username.title(), organisation=organisation), role)


@pytest.fixture
def anna(org):
    """Case manager: owns the directory work."""
    return _person("anna", org, Role.CASE_MANAGER)


@pytest.fixture
def carla(org):
    return _person("carla", org, Role.TEAM_LEAD)


@pytest.fixture
def admin(org):
    return _person("admin", org, Role.ORG_ADMIN)


@pytest.fixture
def emil(org):
    """Employer contact: a portal user of the same organisation."""
    return _person("emil", org, Role.EMPLOYER_CONTACT)


@pytest.fixture
def dora(org):
    return _person("dora", org, Role.DATA_PROTECTION)


@pytest.fixture
def olga(other_org):
    """Case manager of another organisation."""
    return _person("olga", other_org, Role.CASE_MANAGER)


@pytest.fixture
def ergo(org):
    provider = ProviderFactory(
        organisation=org,
        name="ErgoPlus Arbeitsplatzberatung",
        category=ProviderCategory.ERGONOMICS,
        region="Basel-Stadt",
        description="Abklärung von Büroarbeitsplätzen.",
        email="kontakt@ergoplus.example",
    )
    OfferFactory(provider=provider, title="Arbeitsplatzabklärung vor Ort", price="180.00", unit="pro Stunde")
    return provider


@pytest.fixture
def coach(org):
    provider = ProviderFactory(
        organisation=org, name="JobBrücke Coaching", category=ProviderCategory.JOB_COACHING, region="Zürich"
    )
    OfferFactory(provider=provider, title="Bewerbungscoaching")
    OfferFactory(provider=provider, title="Job Coaching am Arbeitsplatz")
    return provider


@pytest.fixture
def foreign(other_org):
    """A provider in the other organisation's directory."""
    return ProviderFactory(
        organisation=other_org, name="Schuldnerberatung Spree", category="debt_counselling", region="Berlin"
    )


@pytest.fixture
def api():
    return APIClient()
