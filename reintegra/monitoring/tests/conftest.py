"""People, cases and due records for the monitoring tests (the pattern of reintegra/cases/tests/conftest.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.cases.models import Case, CaseType, Evaluation
from reintegra.cases.services.case import case_create, case_types_ensure_shipped
from reintegra.consents.models import Consent
from reintegra.plans.models import Measure, Plan


@pytest.fixture
def today() -> date:
    return timezone.localdate()


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
    client = APIClient()
    client.force_authenticate(user)
    return client


def make_case(manager, first="Jürg", last="Müller", **kwargs) -> Case:
    case_type = CaseType.objects.get(organisation=manager.organisation, key="bem")
    return case_create(actor=manager, case_type=case_type, client={"first_name": first, "last_name": last}, **kwargs)


def make_measure(case, due, *, status="active", title="Arbeitsplatzabklärung") -> Measure:
    return Measure.objects.create(case=case, title=title, responsible_kind="client", due_date=due, status=status)


def make_review(case, on) -> Plan:
    plan, _created = Plan.objects.update_or_create(
        case=case, defaults={"review_interval_weeks": 4, "next_review_on": on}
    )
    return plan


def make_follow_up(case, on, *, needed=True) -> Evaluation:
    evaluation, _created = Evaluation.objects.update_or_create(
        case=case, defaults={"aftercare_needed": needed, "follow_up_on": on}
    )
    return evaluation


def make_consent(case, valid_until, *, purpose="share_with_employer", withdrawn_on=None, participant=None) -> Consent:
    return Consent.objects.create(
        case=case,
        purpose=purpose,
        form="written",
        given_on=(valid_until or timezone.localdate()) - timedelta(days=365),
        valid_until=valid_until,
        recorded_by=case.case_manager,
        withdrawn_on=withdrawn_on,
        participant=participant,
    )


@pytest.fixture
def case(alice):
    return make_case(alice)


@pytest.fixture
def full_case(case, today):
    """A case with one item of every kind: two overdue, two due this week or later."""
    make_measure(case, today - timedelta(days=3), title="Ergonomie-Abklärung")
    make_review(case, today + timedelta(days=2))
    make_follow_up(case, today + timedelta(days=10))
    make_consent(case, today - timedelta(days=1))
    return case
