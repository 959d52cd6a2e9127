"""Factories for the service directory."""

import factory

from reintegra.accounts.tests.factories import OrganisationFactory
from reintegra.network.models import Offer, Provider, ProviderCategory


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Provider {n}")
    category = ProviderCategory.JOB_COACHING
    region = "Basel-Stadt"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Offer {n}")
