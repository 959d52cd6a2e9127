"""People, a case and helpers for the notification tests (the pattern of reintegra/cases/tests/conftest.py)."""

from datetime import timedelta

import pytest

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UserFactory, member
from reintegra.cases.services.case import case_create
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


@pytest.fixture
def alice(org, unit):
    """The case manager who owns the case (and receives its reminders)."""
    user = UserFactory(
        username="alice", first_name="Alice", last_name="Owner", organisation=org, email="alice@example.org"
    )
    return member(user, Role.CASE_MANAGER, unit)


@pytest.fixture
def bob(org, unit):
    """A case manager of the same unit."""
    return member(UserFactory(username="bob", organisation=org, email="bob@example.org"), Role.CASE_MANAGER, unit)


@pytest.fixture
def charlie():
    """A case manager of another organisation."""
    other = OrganisationFactory(name="Charlie GmbH")
    return member(UserFactory(username="charlie", organisation=other, email="charlie@example.org"), Role.CASE_MANAGER)


@pytest.fixture
def case(alice, org):
    return case_create(
        actor=alice,
        case_type=org.case_types.get(key="bem"),
        client={"first_name": "Jürg", "last_name": "Müller"},
        summary="Rückenschmerzen, lange Abwesenheit",
    )


@pytest.fixture
def api(alice):
    return api_for(alice)


@pytest.fixture
def web(client, alice):
    client.force_login(alice)
    return client


def past(minutes: int = 5):
    from django.utils import timezone

    return timezone.now() - timedelta(minutes=minutes)


def future(days: int = 3):
    from django.utils import timezone

    return timezone.now() + timedelta(days=days)
