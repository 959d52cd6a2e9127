import uuid

import pytest

from reintegra.network.models import Offer

pytestmark = pytest.mark.django_db


def offers_url(provider):
    return f"/api/v1/providers/{provider.pk}/offers/"


def offer_url(provider, offer):
    return f"{offers_url(provider)}{offer.pk}/"


def test_create_offer_answers_201_with_price_as_decimal_string(api, anna, ergo):
    api.force_authenticate(anna)
    payload = {"title": "Schulung", "price": "950.5", "unit": "pro Halbtag", "version": 9, "id": "x"}
    response = api.post(offers_url(ergo), payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["price"] == "950.50"
    assert body["currency"] == "CHF"
    assert body["version"] == 1
    assert ergo.offers.count() == 2
    # The provider's answer lists it.
    provider = api.get(f"/api/v1/providers/{ergo.pk}/").json()
    assert [offer["title"] for offer in provider["offers"]] == ["Arbeitsplatzabklärung vor Ort", "Schulung"]


def test_offer_in_euro_for_an_euro_organisation(api, olga, foreign):
    api.force_authenticate(olga)
    response = api.post(offers_url(foreign), {"title": "Schuldnerberatung", "price": None}, format="json")
    assert response.status_code == 201
    assert response.json()["currency"] == "EUR"
    assert response.json()["price"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "title"),
        ({"title": ""}, "title"),
        ({"title": ["a"]}, "title"),
        ({"title": "A", "price": "abc"}, "price"),
        ({"title": "A", "price": "-1"}, "price"),
        ({"title": "A", "price": "123456789.00"}, "price"),
        ({"title": "A", "price": "1.005"}, "price"),
        ({"title": "A", "price": "NaN"}, "price"),
        ({"title": "A", "unit": "u" * 51}, "unit"),
        ([{"title": "A"}], "non_field_errors"),
    ],
)
def test_invalid_offer_answers_400_naming_the_field_and_stores_nothing(api, anna, ergo, payload, field):
    api.force_authenticate(anna)
    response = api.post(offers_url(ergo), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert ergo.offers.count() == 1


def test_malformed_json_answers_400(api, anna, ergo):
    api.force_authenticate(anna)
    response = api.generic("POST", offers_url(ergo), "{title", content_type="application/json")
    assert response.status_code == 400
    assert ergo.offers.count() == 1


def test_patch_offer_with_version(api, carla, ergo):
    offer = ergo.offers.get()
    api.force_authenticate(carla)
    response = api.patch(offer_url(ergo, offer), {"version": 1, "price": "200"}, format="json")
    assert response.status_code == 200
    assert (response.json()["price"], response.json()["version"]) == ("200.00", 2)
    assert api.get(offer_url(ergo, offer)).json()["version"] == 2


def test_patch_offer_without_version_is_400_and_stale_is_409(api, anna, ergo):
    offer = ergo.offers.get()
    api.force_authenticate(anna)
    response = api.patch(offer_url(ergo, offer), {"title": "Neu"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    assert api.patch(offer_url(ergo, offer), {"version": 1, "title": "Neu"}, format="json").status_code == 200
    response = api.patch(offer_url(ergo, offer), {"version": 1, "title": "Älter"}, format="json")
    assert response.status_code == 409
    offer.refresh_from_db()
    assert (offer.title, offer.version) == ("Neu", 2)


def test_invalid_patch_changes_nothing(api, anna, ergo):
    offer = ergo.offers.get()
    api.force_authenticate(anna)
    response = api.patch(offer_url(ergo, offer), {"version": 1, "price": "-5"}, format="json")
    assert response.status_code == 400
    assert "price" in response.json()
    offer.refresh_from_db()
    assert offer.version == 1


def test_delete_offer(api, admin, ergo):
    offer = ergo.offers.get()
    api.force_authenticate(admin)
    assert api.delete(offer_url(ergo, offer)).status_code == 204
    assert not Offer.objects.filter(pk=offer.pk).exists()
    assert api.delete(offer_url(ergo, offer)).status_code == 404


def test_an_offer_under_another_provider_is_404(api, anna, ergo, coach):
    offer = ergo.offers.get()
    api.force_authenticate(anna)
    assert api.get(offer_url(coach, offer)).status_code == 404
    assert api.patch(offer_url(coach, offer), {"version": 1, "title": "X"}, format="json").status_code == 404
    assert api.delete(offer_url(coach, offer)).status_code == 404
    assert api.get(f"{offers_url(ergo)}{uuid.uuid4()}/").status_code == 404
    assert Offer.objects.filter(pk=offer.pk, title="Arbeitsplatzabklärung vor Ort").exists()


@pytest.mark.parametrize("who", ["olga", "emil", "dora"])
def test_offers_of_a_provider_others_cannot_see_are_404(api, request, who, ergo):
    offer = ergo.offers.get()
    api.force_authenticate(request.getfixturevalue(who))
    assert api.post(offers_url(ergo), {"title": "Fremd"}, format="json").status_code == 404
    assert api.get(offer_url(ergo, offer)).status_code == 404
    assert api.patch(offer_url(ergo, offer), {"version": 1, "title": "Fremd"}, format="json").status_code == 404
    assert api.delete(offer_url(ergo, offer)).status_code == 404
    assert [o.title for o in ergo.offers.all()] == ["Arbeitsplatzabklärung vor Ort"]
    assert ergo.offers.get().version == 1
