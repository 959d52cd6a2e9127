"""The cases app's tests use the shared `api` and `case` fixtures (tests/support/cases.py)."""

from tests.support.cases import NEW_CASE  # noqa: F401  (re-exported for the tests that import it from here)
from tests.support.people import api_for  # noqa: F401  (re-exported for the tests that import it from here)
