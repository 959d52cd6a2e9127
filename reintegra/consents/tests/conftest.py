"""A case of alice's (the shared people come from tests/support/people.py)."""

# The consent tests work below the API: `case` is the shared model instance.
from tests.support.cases import case_model as case  # noqa: F401
