import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.network.selectors import providers as selectors
from reintegra.network.tests.factories import OfferFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def names(providers):
    return [provider.name for provider in providers]


@pytest.mark.parametrize("who", ["anna", "carla", "admin"])
def test_directory_staff_see_their_organisations_providers_by_name(request, who, ergo, coach, foreign):
    user = request.getfixturevalue(who)
    assert names(selectors.provider_list(user=user)) == ["ErgoPlus Arbeitsplatzberatung", "JobBrücke Coaching"]


@pytest.mark.parametrize("who", ["emil", "dora"])
def test_portal_users_and_other_staff_see_nothing(request, who, ergo):
    user = request.getfixturevalue(who)
    assert list(selectors.provider_list(user=user)) == []
    with pytest.raises(Http404):
        selectors.provider_get(user=user, provider_id=ergo.pk)


def test_client_and_anonymous_see_nothing(org, ergo):
    client_user = member(UserFactory(username="klara", organisation=org), Role.CLIENT)
    assert list(selectors.provider_list(user=client_user)) == []
    assert list(selectors.provider_list(user=AnonymousUser())) == []


def test_staff_without_organisation_see_nothing(ergo):
    loner = UserFactory(username="loner", organisation=None)
    assert list(selectors.provider_list(user=loner)) == []


def test_other_organisation_sees_only_its_own(olga, ergo, foreign):
    assert names(selectors.provider_list(user=olga)) == ["Schuldnerberatung Spree"]
    with pytest.raises(Http404):
        selectors.provider_get(user=olga, provider_id=ergo.pk)


@pytest.mark.parametrize("provider_id", [uuid.uuid4(), "not-a-uuid", None])
def test_missing_or_malformed_id_is_404(anna, provider_id):
    with pytest.raises(Http404):
        selectors.provider_get(user=anna, provider_id=provider_id)


def test_provider_get_returns_offers_prefetched(anna, ergo, django_assert_num_queries):
    provider = selectors.provider_get(user=anna, provider_id=ergo.pk)
    with django_assert_num_queries(0):
        assert [offer.title for offer in provider.offers.all()] == ["Arbeitsplatzabklärung vor Ort"]
        assert provider.organisation.currency == "CHF"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ergoplus", ["ErgoPlus Arbeitsplatzberatung"]),  # name, case-insensitive
        ("ERGOPLUS", ["ErgoPlus Arbeitsplatzberatung"]),
        ("büroarbeit", ["ErgoPlus Arbeitsplatzberatung"]),  # description
        ("zürich", ["JobBrücke Coaching"]),  # region
        ("bewerbung", ["JobBrücke Coaching"]),  # offer title
        ("  coaching  ", ["JobBrücke Coaching"]),  # trimmed; two offers match, listed once
        ("", ["ErgoPlus Arbeitsplatzberatung", "JobBrücke Coaching"]),
        ("nothing like this", []),
    ],
)
def test_search_matches_name_description_region_and_offers(anna, ergo, coach, q, expected):
    # Umlauts stay lower-case in the queries: SQLite's LIKE folds the case of ASCII letters only.
    assert names(selectors.provider_list(user=anna, q=q)) == expected


def test_search_does_not_reach_into_another_organisation(anna, ergo, foreign):
    assert names(selectors.provider_list(user=anna, q="spree")) == []


def test_category_and_region_filters(anna, ergo, coach):
    assert names(selectors.provider_list(user=anna, category="ergonomics")) == ["ErgoPlus Arbeitsplatzberatung"]
    assert names(selectors.provider_list(user=anna, region="zürich")) == ["JobBrücke Coaching"]
    assert names(selectors.provider_list(user=anna, region="Zür")) == []  # region matches whole
    assert names(selectors.provider_list(user=anna, category="ergonomics", region="Zürich")) == []
    assert names(selectors.provider_list(user=anna, q="coaching", category="job_coaching")) == ["JobBrücke Coaching"]


def test_active_filter_and_options_leave_out_inactive_providers(anna, org, ergo):
    ProviderFactory(organisation=org, name="Alte Fachstelle", active=False)
    assert names(selectors.provider_list(user=anna)) == ["Alte Fachstelle", "ErgoPlus Arbeitsplatzberatung"]
    assert names(selectors.provider_list(user=anna, active=False)) == ["Alte Fachstelle"]
    assert names(selectors.provider_options(user=anna)) == ["ErgoPlus Arbeitsplatzberatung"]


def test_regions_are_distinct_sorted_and_scoped(anna, org, ergo, coach, foreign):
    ProviderFactory(organisation=org, region="Basel-Stadt")
    ProviderFactory(organisation=org, region="")
    assert selectors.provider_regions(user=anna) == ["Basel-Stadt", "Zürich"]


def test_offer_get_only_within_its_provider(anna, ergo, coach):
    offer = ergo.offers.get()
    assert selectors.offer_get(provider=ergo, offer_id=offer.pk) == offer
    with pytest.raises(Http404):
        selectors.offer_get(provider=coach, offer_id=offer.pk)
    with pytest.raises(Http404):
        selectors.offer_get(provider=ergo, offer_id="nope")


def test_list_query_count_does_not_grow_with_providers(anna, org, django_assert_num_queries):
    for index in range(5):
        provider = ProviderFactory(organisation=org)
        OfferFactory.create_batch(index % 3 + 1, provider=provider)
    selectors.provider_list(user=anna).count()  # warm the role cache
    with django_assert_num_queries(2):  # providers (with organisation) + offers
        for provider in selectors.provider_list(user=anna):
            list(provider.offers.all())
            assert provider.organisation.name
