"""A case of alice's (the shared people come from tests/support/people.py)."""

import pytest

from reintegra.cases.services.case import case_create


@pytest.fixture
def case(alice, org):
    return case_create(
        actor=alice, case_type=org.case_types.get(key="bem"), client={"first_name": "Jürg", "last_name": "Muster"}
    )
