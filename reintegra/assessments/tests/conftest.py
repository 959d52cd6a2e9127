"""The fixed people (owner alice, same-unit bob, team lead, outsider charlie) and a case of alice's."""

import pytest

from reintegra.cases.models import Case, CaseStatus
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)


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
