"""People and cases for the questionnaire tests (the pattern of reintegra/cases/tests/conftest.py).

alice owns the case; bob is a case manager of the same unit (sees only his own cases);
lead leads the unit; admin is the organisation admin; charlie works for another
organisation. The shipped questionnaires come from a data migration; a transactional
test elsewhere may have flushed them, so the fixtures re-ship them (idempotently).
"""

from importlib import import_module
from typing import Any

import pytest
from django.apps import apps

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.cases.models import Case, Participant
from reintegra.questionnaires.models import Questionnaire
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)

SHIP_MIGRATION = "reintegra.questionnaires.migrations.0002_ship_work_ability_index_and_satisfaction"


def ship_questionnaires() -> None:
    import_module(SHIP_MIGRATION).ship(apps, None)


@pytest.fixture
def shipped(db: Any) -> None:
    ship_questionnaires()


@pytest.fixture
def wai(shipped: None) -> Questionnaire:
    return Questionnaire.objects.get(organisation__isnull=True, key="wai")


@pytest.fixture
def satisfaction(shipped: None) -> Questionnaire:
    return Questionnaire.objects.get(organisation__isnull=True, key="satisfaction")


@pytest.fixture
def dpo(org):
    return member(UserFactory(username="dpo", organisation=org), Role.DATA_PROTECTION)


@pytest.fixture
def charlie_admin(charlie):
    return member(UserFactory(username="charlieadmin", organisation=charlie.organisation), Role.ORG_ADMIN)


@pytest.fixture
def case(shipped, case):
    """The shared case, opened once the shipped questionnaires exist."""
    return case


# A physical job (weight 1.5 on 2a, 0.5 on 2b): 7 + 4.5 + 2 + 5 + 5 + 3 + 4 + 3 = 33.5 (moderate).
WAI_ANSWERS = {
    "wai_job_demands": 1.5,
    "wai_q1": 7,
    "wai_q2_physical": 3,
    "wai_q2_mental": 4,
    "wai_q3_diseases": 5,
    "wai_q4_impairment": 5,
    "wai_q5_sick_leave": 3,
    "wai_q6_prognosis": 4,
    "wai_q7a": 3,
    "wai_q7b": 3,
    "wai_q7c": 3,
}

OWN_DEFINITION = {
    "key": "own-check",
    "name": "Eigener Kurzcheck",
    "licence_note": "Lizenz bis 2030",
    "phase": "assessment",
    "scoring": "(stress + sleep) / 2",
    "items": [
        {
            "key": "stress",
            "text": "Wie stark ist Ihr Stress?",
            "kind": "single_choice",
            "options": [{"label": "wenig", "value": 1}, {"label": "viel", "value": 3}],
        },
        {"key": "sleep", "text": "Stunden Schlaf", "kind": "number", "min_value": 0, "max_value": 12},
        {"key": "remark", "text": "Bemerkung", "kind": "text", "required": False},
    ],
    "bands": [
        {"key": "low", "label": "tief", "min": 0, "max": 4, "action": "beobachten"},
        {"key": "high", "label": "hoch", "min": 4, "max": None, "action": "handeln"},
    ],
}


SATISFACTION_KEYS = [
    "sat_informed",
    "sat_heard",
    "sat_decided",
    "sat_reachable",
    "sat_fitting",
    "sat_kept",
    "sat_trust",
    "sat_respect",
]


def satisfaction_answers(*values: int) -> dict[str, int]:
    """Eight answers 1..4 in item order (one value: the same for every item)."""
    if len(values) == 1:
        values = values * len(SATISFACTION_KEYS)
    return dict(zip(SATISFACTION_KEYS, values, strict=True))


@pytest.fixture
def case_obj(case):
    found = Case.objects.select_related("client", "organisation").get(pk=case["id"])
    found.client.email = "juerg.mueller@example.org"
    found.client.save()
    return found


@pytest.fixture
def participant(case_obj):
    return Participant.objects.create(
        case=case_obj, role="physician", name="Dr. Anna Keller", email="keller@example.org"
    )
