from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reintegra.accounts.tests.factories import UserFactory
from reintegra.core.exceptions import Conflict, PermissionDenied
from reintegra.network.models import Offer, Provider
from reintegra.network.services import providers as services

pytestmark = pytest.mark.django_db

VALID = {"name": "Neue Fachstelle", "category": "psychotherapy", "region": "Bern"}


@pytest.mark.parametrize("who", ["anna", "carla", "admin"])
def test_directory_staff_add_providers_to_their_organisation(request, who, org):
    user = request.getfixturevalue(who)
    provider = services.provider_create(actor=user, data={**VALID, "name": "  Neue Fachstelle "})
    assert provider.organisation == org
    assert provider.name == "Neue Fachstelle"
    assert provider.version == 1
    assert provider.active is True


@pytest.mark.parametrize("who", ["emil", "dora"])
def test_others_may_not_add_providers(request, who):
    with pytest.raises(PermissionDenied):
        services.provider_create(actor=request.getfixturevalue(who), data=VALID)
    assert not Provider.objects.exists()


def test_a_user_without_organisation_may_not_add_providers():
    with pytest.raises(PermissionDenied):
        services.provider_create(actor=UserFactory(organisation=None), data=VALID)


def test_names_are_unique_per_organisation_ignoring_case(anna, olga, ergo):
    with pytest.raises(ValidationError) as error:
        services.provider_create(actor=anna, data={**VALID, "name": "ERGOPLUS Arbeitsplatzberatung"})
    assert "name" in error.value.message_dict
    # Another organisation may use the same name.
    services.provider_create(actor=olga, data={**VALID, "name": "ErgoPlus Arbeitsplatzberatung"})
    assert Provider.objects.filter(name="ErgoPlus Arbeitsplatzberatung").count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "astrology"}, "category"),
        ({"email": "not an address"}, "email"),
        ({"website": "ftp//nowhere"}, "website"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_invalid_fields_are_refused_and_nothing_is_stored(anna, changes, field):
    with pytest.raises(ValidationError) as error:
        services.provider_create(actor=anna, data={**VALID, **changes})
    assert field in error.value.message_dict
    assert not Provider.objects.exists()


def test_unknown_fields_are_a_programming_error(anna, other_org):
    with pytest.raises(TypeError):
        services.provider_create(actor=anna, data={**VALID, "organisation": other_org})


def test_update_bumps_the_version(anna, ergo):
    services.provider_update(actor=anna, provider=ergo, version=1, changes={"region": "Basel-Landschaft"})
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version) == ("Basel-Landschaft", 2)


def test_stale_update_is_a_conflict_and_changes_nothing(anna, carla, ergo):
    services.provider_update(actor=carla, provider=ergo, version=1, changes={"phone": "+41 61 555 00 00"})
    stale = Provider.objects.get(pk=ergo.pk)
    stale.version = 1  # anna read the provider before carla saved
    with pytest.raises(Conflict) as error:
        services.provider_update(actor=anna, provider=stale, version=1, changes={"phone": "+41 61 555 99 99"})
    assert error.value.stored == 2
    ergo.refresh_from_db()
    assert (ergo.phone, ergo.version) == ("+41 61 555 00 00", 2)


def test_update_without_changes_keeps_the_version_but_still_checks_it(anna, ergo):
    services.provider_update(actor=anna, provider=ergo, version=1, changes={"name": ergo.name})
    ergo.refresh_from_db()
    assert ergo.version == 1
    with pytest.raises(Conflict):
        services.provider_update(actor=anna, provider=ergo, version=7, changes={})


def test_renaming_to_a_taken_name_is_refused(anna, ergo, coach):
    with pytest.raises(ValidationError):
        services.provider_update(
            actor=anna, provider=coach, version=1, changes={"name": "ergoplus arbeitsplatzberatung"}
        )
    coach.refresh_from_db()
    assert coach.name == "JobBrücke Coaching"


@pytest.mark.parametrize("who", ["olga", "emil", "dora"])
def test_others_may_not_change_a_provider(request, who, ergo):
    with pytest.raises(PermissionDenied):
        services.provider_update(actor=request.getfixturevalue(who), provider=ergo, version=1, changes={"region": "X"})
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version) == ("Basel-Stadt", 1)


def test_offers_are_created_updated_and_deleted(anna, ergo):
    offer = services.offer_create(actor=anna, provider=ergo, title="Schulung", price=Decimal("950"), unit="pro Halbtag")
    assert offer.version == 1
    services.offer_update(actor=anna, offer=offer, version=1, changes={"price": Decimal("990.00")})
    offer.refresh_from_db()
    assert (offer.price, offer.version) == (Decimal("990.00"), 2)
    with pytest.raises(Conflict):
        services.offer_update(actor=anna, offer=offer, version=1, changes={"price": None})
    offer.refresh_from_db()
    assert offer.price == Decimal("990.00")
    services.offer_delete(actor=anna, offer=offer)
    assert not Offer.objects.filter(pk=offer.pk).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"title": ""}, "title"), ({"title": "A", "price": Decimal("-1")}, "price")],
)
def test_invalid_offers_are_refused(anna, ergo, kwargs, field):
    with pytest.raises(ValidationError) as error:
        services.offer_create(actor=anna, provider=ergo, **kwargs)
    assert field in error.value.message_dict
    assert ergo.offers.count() == 1


@pytest.mark.parametrize("who", ["olga", "emil"])
def test_others_may_not_touch_offers(request, who, ergo):
    user = request.getfixturevalue(who)
    offer = ergo.offers.get()
    with pytest.raises(PermissionDenied):
        services.offer_create(actor=user, provider=ergo, title="Fremd")
    with pytest.raises(PermissionDenied):
        services.offer_update(actor=user, offer=offer, version=1, changes={"title": "Fremd"})
    with pytest.raises(PermissionDenied):
        services.offer_delete(actor=user, offer=offer)
    assert [o.title for o in ergo.offers.all()] == ["Arbeitsplatzabklärung vor Ort"]
