import uuid

import pytest

from reintegra.network.models import Provider
from reintegra.network.tests.factories import OfferFactory, ProviderFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/providers/"
VALID = {
    "name": "Praxis Brändli",
    "category": "psychotherapy",
    "region": "Bern",
    "contact": {"person": "Dr. M. Brändli", "email": "praxis@braendli.example", "phone": "+41 31 555 80 90"},
    "description": "Psychotherapie für Erwachsene.",
}


def detail(provider):
    return f"{URL}{provider.pk}/"


def test_anonymous_requests_get_401(api, ergo):
    assert api.get(URL).status_code == 401
    assert api.post(URL, VALID, format="json").status_code == 401
    assert api.get(detail(ergo)).status_code == 401


def test_list_answers_the_documented_shape(api, anna, ergo):
    api.force_authenticate(anna)
    body = api.get(URL).json()
    assert set(body) == {"results", "next"}
    assert body["next"] is None
    (item,) = body["results"]
    assert item["id"] == str(ergo.pk)
    assert item["name"] == "ErgoPlus Arbeitsplatzberatung"
    assert item["category"] == "ergonomics"
    assert item["region"] == "Basel-Stadt"
    assert item["contact"] == {
        "person": "",
        "email": "kontakt@ergoplus.example",
        "phone": "",
        "website": "",
        "address": "",
    }
    assert item["version"] == 1
    assert item["active"] is True
    (offer,) = item["offers"]
    assert offer["title"] == "Arbeitsplatzabklärung vor Ort"
    assert offer["price"] == "180.00"
    assert offer["currency"] == "CHF"
    assert offer["unit"] == "pro Stunde"


def test_list_is_ordered_by_name_and_paginated_by_cursor(api, anna, org):
    for name in ["Delta", "alpha", "Charlie", "Bravo", "Echo"]:
        ProviderFactory(organisation=org, name=name)
    api.force_authenticate(anna)
    seen, url = [], f"{URL}?page_size=2"
    while url:
        body = api.get(url).json()
        assert len(body["results"]) <= 2
        seen += [item["name"] for item in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(["Delta", "alpha", "Charlie", "Bravo", "Echo"])
    assert seen == [p.name for p in Provider.objects.filter(organisation=org).order_by("name", "id")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=coaching", ["JobBrücke Coaching"]),
        ("q=ARBEITSPLATZ", ["ErgoPlus Arbeitsplatzberatung", "JobBrücke Coaching"]),
        ("category=ergonomics", ["ErgoPlus Arbeitsplatzberatung"]),
        ("region=z%C3%BCrich", ["JobBrücke Coaching"]),
        ("category=&region=&q=", ["ErgoPlus Arbeitsplatzberatung", "JobBrücke Coaching"]),
        ("active=false", []),
    ],
)
def test_list_filters(api, anna, ergo, coach, query, expected):
    api.force_authenticate(anna)
    body = api.get(f"{URL}?{query}").json()
    assert [item["name"] for item in body["results"]] == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [("category=astrology", "category"), ("active=perhaps", "active"), ("q=" + "x" * 201, "q")],
)
def test_bad_filters_answer_400_naming_the_parameter(api, anna, query, field):
    api.force_authenticate(anna)
    response = api.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("who", ["emil", "dora"])
def test_portal_users_and_other_staff_get_an_empty_list(api, request, who, ergo):
    api.force_authenticate(request.getfixturevalue(who))
    assert api.get(URL).json() == {"results": [], "next": None}


def test_other_organisation_sees_only_its_own(api, olga, ergo, foreign):
    api.force_authenticate(olga)
    assert [item["name"] for item in api.get(URL).json()["results"]] == ["Schuldnerberatung Spree"]


@pytest.mark.parametrize("who", ["anna", "carla", "admin"])
def test_create_answers_201_and_stores_in_the_actors_organisation(api, request, who, org, other_org):
    api.force_authenticate(request.getfixturevalue(who))
    payload = {**VALID, "organisation": str(other_org.pk), "id": str(uuid.uuid4()), "version": 99}
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["id"] != payload["id"]
    assert body["version"] == 1
    assert body["contact"]["person"] == "Dr. M. Brändli"
    assert body["offers"] == []
    provider = Provider.objects.get(pk=body["id"])
    assert provider.organisation == org
    assert provider.contact_person == "Dr. M. Brändli"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**VALID, "category": "astrology"}, "category"),
        ({**VALID, "name": ""}, "name"),
        ({k: v for k, v in VALID.items() if k != "name"}, "name"),
        ({**VALID, "name": ["a", "b"]}, "name"),
        ({**VALID, "name": {"x": 1}}, "name"),
        ({**VALID, "category": 3}, "category"),
        ({**VALID, "active": "sometimes"}, "active"),
        ({**VALID, "contact": "call them"}, "contact"),
        ({**VALID, "contact": {"email": "no-at-sign"}}, "contact"),
        ({**VALID, "contact": {"website": "not a url"}}, "contact"),
        ({**VALID, "contact": {"phone": "1" * 51}}, "contact"),
        ([VALID], "non_field_errors"),
        ("just a string", "non_field_errors"),
    ],
)
def test_invalid_create_answers_400_naming_the_field_and_stores_nothing(api, anna, payload, field):
    api.force_authenticate(anna)
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Provider.objects.exists()


def test_nested_contact_errors_name_the_nested_field(api, anna):
    api.force_authenticate(anna)
    response = api.post(URL, {**VALID, "contact": {"email": "no-at-sign"}}, format="json")
    assert "email" in response.json()["contact"]


def test_malformed_json_answers_400(api, anna):
    api.force_authenticate(anna)
    response = api.generic("POST", URL, '{"name": "x",', content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Provider.objects.exists()


def test_duplicate_name_answers_400_on_name(api, anna, ergo):
    api.force_authenticate(anna)
    response = api.post(URL, {**VALID, "name": ergo.name.upper()}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


@pytest.mark.parametrize("who", ["emil", "dora"])
def test_create_by_others_is_403_and_stores_nothing(api, request, who):
    api.force_authenticate(request.getfixturevalue(who))
    assert api.post(URL, VALID, format="json").status_code == 403
    assert not Provider.objects.exists()


def test_detail_for_staff_of_the_organisation(api, carla, ergo):
    api.force_authenticate(carla)
    response = api.get(detail(ergo))
    assert response.status_code == 200
    assert response.json()["name"] == ergo.name


@pytest.mark.parametrize("who", ["olga", "emil", "dora"])
def test_detail_is_404_for_other_organisations_and_portal_users(api, request, who, ergo):
    api.force_authenticate(request.getfixturevalue(who))
    assert api.get(detail(ergo)).status_code == 404
    assert api.patch(detail(ergo), {"region": "X", "version": 1}, format="json").status_code == 404
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version) == ("Basel-Stadt", 1)


def test_detail_of_a_missing_provider_is_404(api, anna):
    api.force_authenticate(anna)
    assert api.get(f"{URL}{uuid.uuid4()}/").status_code == 404


def test_patch_changes_fields_and_bumps_the_version(api, anna, ergo):
    api.force_authenticate(anna)
    response = api.patch(
        detail(ergo),
        {"version": 1, "region": "Basel-Landschaft", "contact": {"phone": "+41 61 555 10 20"}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["version"] == 2
    assert body["region"] == "Basel-Landschaft"
    # A partial contact leaves the other contact fields alone.
    assert body["contact"]["phone"] == "+41 61 555 10 20"
    assert body["contact"]["email"] == "kontakt@ergoplus.example"


def test_patch_without_version_answers_400_naming_version(api, anna, ergo):
    api.force_authenticate(anna)
    response = api.patch(detail(ergo), {"region": "Bern"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    ergo.refresh_from_db()
    assert ergo.region == "Basel-Stadt"


def test_patch_with_a_stale_version_answers_409_and_changes_nothing(api, anna, carla, ergo):
    api.force_authenticate(carla)
    assert api.patch(detail(ergo), {"version": 1, "region": "Bern"}, format="json").status_code == 200
    api.force_authenticate(anna)
    response = api.patch(detail(ergo), {"version": 1, "region": "Luzern"}, format="json")
    assert response.status_code == 409
    assert "detail" in response.json()
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version) == ("Bern", 2)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"version": "abc", "region": "Bern"}, "version"),
        ({"version": 0, "region": "Bern"}, "version"),
        ({"version": True, "region": "Bern"}, "version"),
        ({"version": 1, "category": "astrology"}, "category"),
        ({"version": 1, "name": None}, "name"),
        ({"version": 1, "contact": {"email": 5}}, "contact"),
    ],
)
def test_invalid_patch_answers_400_and_changes_nothing(api, anna, ergo, payload, field):
    api.force_authenticate(anna)
    response = api.patch(detail(ergo), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    ergo.refresh_from_db()
    assert (ergo.region, ergo.category, ergo.version) == ("Basel-Stadt", "ergonomics", 1)


def test_patch_cannot_move_a_provider_to_another_organisation(api, anna, org, other_org, ergo):
    api.force_authenticate(anna)
    response = api.patch(detail(ergo), {"version": 1, "organisation": str(other_org.pk), "id": "x"}, format="json")
    assert response.status_code == 200
    ergo.refresh_from_db()
    assert ergo.organisation == org


def test_list_query_count_is_pinned(api, anna, org, django_assert_max_num_queries):
    for index in range(12):
        provider = ProviderFactory(organisation=org)
        OfferFactory.create_batch(index % 3 + 1, provider=provider)
    api.force_authenticate(anna)
    # roles, providers (with organisation), offers
    with django_assert_max_num_queries(3):
        response = api.get(URL)
    assert len(response.json()["results"]) == 12
