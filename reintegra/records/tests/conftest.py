"""A case with a bit of everything (the access matrix's world, built per test) for the record and FHIR tests."""

from typing import Any

import pytest

from reintegra.cases.models import Case
from tests.access_matrix.world import World, build

AHV = "756.1234.5678.97"


@pytest.fixture
def world(db: Any) -> World:
    built = build()
    client = Case.objects.get(pk=built.case_id).client
    client.ahv_number = AHV
    client.save()
    return built


@pytest.fixture
def full_case(world: World) -> Case:
    return Case.objects.select_related("client").get(pk=world.case_id)
