"""Factories for people and organisations; tests build on the three fixed people in conftest."""

import factory

from reintegra.accounts.models import Membership, Organisation, Unit, User
from reintegra.accounts.services import ORGANISATION_SET_UP


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")

    @factory.post_generation
    def set_up(self, create: bool, extracted: object, **kwargs: object) -> None:
        """What `accounts.services.organisation_create` sets up (the shipped case types)."""
        if create:
            for step in ORGANISATION_SET_UP:
                step(organisation=self)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Unit {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]  # noqa: N805
        if create:
            obj.save()


def member(user: User, role: str, unit: Unit | None = None) -> User:
    Membership.objects.create(user=user, organisation=user.organisation, unit=unit, role=role)
    user.__dict__.pop("_membership_cache", None)
    return user
