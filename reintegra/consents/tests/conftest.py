"""A case of alice's (the shared people come from tests/support/people.py)."""

import pytest

from tests.support.cases import case_for


@pytest.fixture
def case(alice):
    """The consent tests work below the API: a model instance."""
    return case_for(alice, last="Muster")
