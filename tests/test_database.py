"""The suite really runs on the database it claims to (so --postgres cannot silently fall back)."""

import pytest
from django.db import connections

pytestmark = pytest.mark.django_db


def test_both_aliases_run_on_the_selected_engine(request):
    expected = "postgresql" if request.config.getoption("--postgres") else "sqlite"
    assert connections["default"].vendor == expected
    assert connections["audit"].vendor == expected
    assert connections["audit"].settings_dict["NAME"] != connections["default"].settings_dict["NAME"]
