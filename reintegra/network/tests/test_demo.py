import pytest
from django.core.management import call_command

from reintegra.accounts import demo as accounts_demo
from reintegra.network import demo
from reintegra.network.models import Offer, Provider, ProviderCategory

pytestmark = pytest.mark.django_db


def counts():
    return Provider.objects.count(), Offer.objects.count()


def test_demo_directory_is_idempotent_and_realistic():
    accounts_demo.load()
    first_lines = demo.load()
    first = counts()
    second_lines = demo.load()
    assert counts() == first
    assert "(0 new)" in second_lines[0] and "(0 new)" not in first_lines[0]
    demo_ag = Provider.objects.filter(organisation__name="Demo AG")
    musterstadt = Provider.objects.filter(organisation__name="Sozialdienst Musterstadt")
    assert 18 <= demo_ag.count() <= 25
    assert 3 <= musterstadt.count() <= 8
    assert {"Basel-Stadt", "Zürich", "Bern"} <= set(demo_ag.values_list("region", flat=True))
    assert {"Berlin"} <= set(musterstadt.values_list("region", flat=True))
    used = set(Provider.objects.values_list("category", flat=True))
    assert used >= {
        ProviderCategory.ERGONOMICS,
        ProviderCategory.JOB_COACHING,
        ProviderCategory.PSYCHOTHERAPY,
        ProviderCategory.DEBT_COUNSELLING,
        ProviderCategory.ADDICTION_COUNSELLING,
        ProviderCategory.VOCATIONAL_TRAINING,
    }
    for provider in Provider.objects.prefetch_related("offers"):
        provider.full_clean()
        assert 1 <= len(provider.offers.all()) <= 3, provider.name
        for offer in provider.offers.all():
            offer.full_clean()


def test_demo_directory_waits_for_the_demo_organisations():
    lines = demo.load()
    assert counts() == (0, 0)
    assert all("missing" in line for line in lines)


def test_load_demo_command_loads_the_directory(capsys):
    call_command("load_demo")
    assert Provider.objects.filter(organisation__name="Demo AG").exists()
    assert "network  Demo AG" in capsys.readouterr().out
