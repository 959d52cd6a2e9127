"""Two clients' cases, a plan, an assessment and an employer contact for the portal tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.assessments.services import assessment_record
from reintegra.cases.services.participants import participant_create
from reintegra.consents.services import consent_record
from reintegra.plans.services.goals import goal_create
from reintegra.plans.services.measures import measure_create
from tests.support.cases import case_for
from tests.support.cases import case_model as case  # noqa: F401  (the portal tests work below the API)
from tests.support.people import api_for, web_for  # noqa: F401  (re-exported for the tests that import them from here)

LEVELS = {"-2": "keine", "-1": "20 %", "0": "50 %", "1": "70 %", "2": "100 %"}


def make_case(alice, first, last, email=""):
    return case_for(
        alice,
        first=first,
        last=last,
        client={"email": email},
        commissioning_party={"name": "Alice AG HR", "kind": "employer"},
        summary="Rückenschmerzen",
    )


def link_client(case, username):
    user = member(
        UserFactory(username=username, first_name=case.client.first_name, organisation=case.organisation), Role.CLIENT
    )
    case.client.user = user
    case.client.save()
    return user


@pytest.fixture
def juerg(case):
    """The client of `case`, with a portal account."""
    return link_client(case, "juerg")


@pytest.fixture
def other_case(alice):
    return make_case(alice, "Zora", "Andere")


@pytest.fixture
def zora(other_case):
    """Another client of the same organisation, with a portal account."""
    return link_client(other_case, "zora")


@pytest.fixture
def goal(alice, case):
    today = timezone.localdate()
    return goal_create(
        actor=alice,
        case=case,
        title="Zurück ins Lager",
        horizon="short",
        priority=1,
        due_date=today + timedelta(weeks=6),
        indicator="Diagnose: Bandscheibe",
        levels=LEVELS,
    )


@pytest.fixture
def emil(org):
    return member(
        UserFactory(username="emil", first_name="Emil", last_name="Brunner", organisation=org), Role.EMPLOYER_CONTACT
    )


@pytest.fixture
def hr(alice, case, emil):
    return participant_create(actor=alice, case=case, data={"role": "employer_contact", "name": "Emil HR"}, user=emil)


@pytest.fixture
def share(alice, case, hr):
    return consent_record(
        actor=alice, case=case, purpose="share_with_employer", form="written", given_on=timezone.localdate()
    )


@pytest.fixture
def emil_measure(alice, case, goal, hr):
    today = timezone.localdate()
    return measure_create(
        actor=alice,
        case=case,
        title="Hebehilfe beschaffen",
        goals=[goal.pk],
        responsible=str(hr.pk),
        due_date=today + timedelta(days=5),
        description="Interne Notiz: Bandscheibe",
    )


@pytest.fixture
def client_measure(alice, case, goal):
    today = timezone.localdate()
    return measure_create(
        actor=alice,
        case=case,
        title="Physiotherapie",
        goals=[goal.pk],
        responsible="client",
        due_date=today - timedelta(days=1),
        description="Interne Notiz: nur intern",
        planned_cost="900.00",
    )


ITEMS = [
    {"domain": "health", "kind": "problem", "text": "Rückenschmerzen beim Heben", "professional_rating": 3},
    {"domain": "social", "kind": "resource", "text": "Familie hilft", "professional_rating": 3, "client_rating": 2},
]


@pytest.fixture
def assessment(alice, case):
    return assessment_record(actor=alice, case=case, date=timezone.localdate(), items=ITEMS)


@pytest.fixture
def items(assessment):
    return list(assessment.items.order_by("position"))
