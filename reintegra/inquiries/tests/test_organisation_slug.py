"""Organisations carry a unique slug for public addresses (`/k/<slug>/`); existing rows got one by migration."""

from importlib import import_module

import pytest
from django.apps import apps

from reintegra.accounts.models import Organisation
from reintegra.accounts.services import organisation_create

pytestmark = pytest.mark.django_db


def test_a_new_organisation_gets_a_slug_from_its_name_and_never_a_taken_one():
    first = organisation_create(name="Zürich Spital AG")
    clash = organisation_create(name="Zurich Spital AG")  # folds to the same slug
    assert first.slug == "zurich-spital-ag"
    assert clash.slug == "zurich-spital-ag-2"


def test_an_explicit_slug_is_kept():
    organisation = Organisation.objects.create(name="Beratung Bern", slug="beratung")
    organisation.name = "Beratungsstelle Bern"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.slug == "beratung"


def test_the_migration_gives_every_existing_organisation_its_own_slug():
    migration = import_module("reintegra.accounts.migrations.0002_organisation_slug")
    a = Organisation.objects.create(name="Demo AG")
    b = Organisation.objects.create(name="Demo-AG", slug="x")
    Organisation.objects.filter(pk=a.pk).update(slug="")  # as before the migration (only one: slugs are unique now)
    migration.fill_slugs(apps, None)
    slugs = set(Organisation.objects.filter(pk__in=[a.pk, b.pk]).values_list("slug", flat=True))
    assert slugs == {"demo-ag", "demo-ag-2"}
