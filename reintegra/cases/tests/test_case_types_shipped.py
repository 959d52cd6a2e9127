"""Shipped case types come with the organisation; reading them writes nothing."""

import pytest

from reintegra.accounts.models import Organisation, User
from reintegra.accounts.services import organisation_create
from reintegra.cases.models import CaseType
from reintegra.cases.selectors import case_types_for

pytestmark = pytest.mark.django_db


def test_organisation_create_ships_the_case_types():
    organisation = organisation_create(name="Neu AG")
    assert sorted(CaseType.objects.filter(organisation=organisation).values_list("key", flat=True)) == [
        "bem",
        "general",
        "iv-early",
    ]


def test_reading_the_case_types_creates_none():
    bare = Organisation.objects.create(name="Ohne Set-up AG")  # as if made before the set-up step existed
    user = User.objects.create(username="nina", organisation=bare)
    assert list(case_types_for(user=user)) == []
    assert not CaseType.objects.filter(organisation=bare).exists()
