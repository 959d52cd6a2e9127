"""A case with a bit of everything for the record and FHIR tests: the access matrix's world,
built once per module in a transaction rolled back at its end (each test in its own savepoint)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections

from reintegra.cases.models import Case
from tests.access_matrix.conftest import rolled_back
from tests.access_matrix.world import World, build

AHV = "756.1234.5678.97"


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock():
        for alias in connections:
            assert "test" in str(connections[alias].settings_dict["NAME"]), f"{alias} is not a test database"
        with rolled_back():
            built = build()
            client = Case.objects.get(pk=built.case_id).client
            client.ahv_number = AHV
            client.save()
            yield built


@pytest.fixture
def full_case(world: World, db: Any) -> Case:
    return Case.objects.select_related("client").get(pk=world.case_id)
