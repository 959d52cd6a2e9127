"""People for the directory tests: staff of one organisation, portal users, an outsider."""

import pytest
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.network.models import ProviderCategory
from reintegra.network.tests.factories import OfferFactory, ProviderFactory
from tests.support.cases import NEW_CASE  # noqa: F401  (re-exported for the tests that import it from here)
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


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


# --- Referrals: a case of `case_org` owned by alice ---------------------------------------


@pytest.fixture
def case_org():
    from reintegra.cases.services.case import case_types_ensure_shipped

    organisation = OrganisationFactory(name="Alice AG")
    case_types_ensure_shipped(organisation=organisation)
    return organisation


@pytest.fixture
def case_unit(case_org):
    return UnitFactory(organisation=case_org, name="Basel")


@pytest.fixture
def alice(case_org, case_unit):
    """The owning case manager."""
    return member(UserFactory(username="alice", organisation=case_org), Role.CASE_MANAGER, case_unit)


@pytest.fixture
def bob(case_org, case_unit):
    """A case manager of the same unit: does not see alice's cases by default."""
    return member(UserFactory(username="bob", organisation=case_org), Role.CASE_MANAGER, case_unit)


@pytest.fixture
def alice_api(alice):
    return api_for(alice)


@pytest.fixture
def ref_provider(case_org):
    return ProviderFactory(organisation=case_org, name="JobBrücke Coaching", category=ProviderCategory.JOB_COACHING)


@pytest.fixture
def give_consent(alice_api, case):
    """Record a share_with_provider consent (optionally with other values); returns the JSON."""

    def give(**changes):
        body = {"purpose": "share_with_provider", "form": "oral", "given_on": "2026-01-05", **changes}
        response = alice_api.post(f"/api/v1/cases/{case['id']}/consents/", body, format="json")
        assert response.status_code == 201, response.content
        return response.json()

    return give
