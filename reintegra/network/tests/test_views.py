import pytest
from django.urls import reverse

from reintegra.network.models import Offer, Provider
from reintegra.network.tests.factories import OfferFactory, ProviderFactory

pytestmark = pytest.mark.django_db

LIST = "/providers/"


def test_list_url_name_is_the_one_the_navigation_uses():
    assert reverse("network:provider_list") == LIST


def test_list_page_in_german_with_own_providers_only(client, anna, ergo, coach, foreign):
    client.force_login(anna)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Anbieter</h1>" in html
    assert "ErgoPlus Arbeitsplatzberatung" in html
    assert "JobBrücke Coaching" in html
    assert "Schuldnerberatung Spree" not in html
    assert "2 Anbieter im Verzeichnis" in html
    assert 'hx-get="/providers/"' in html


def test_list_page_in_english(client, anna, ergo):
    client.force_login(anna)
    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 provider in the directory" in html
    assert "Ergonomics" in html


def test_search_works_without_javascript(client, anna, ergo, coach):
    client.force_login(anna)
    html = client.get(LIST, {"q": "bewerbung"}).content.decode()
    assert "JobBrücke Coaching" in html
    assert "ErgoPlus" not in html
    assert "1 Anbieter gefunden" in html
    assert 'value="bewerbung"' in html


def test_filters_by_category_and_region(client, anna, ergo, coach):
    client.force_login(anna)
    html = client.get(LIST, {"category": "ergonomics"}).content.decode()
    assert "ErgoPlus" in html and "JobBrücke" not in html
    html = client.get(LIST, {"region": "Zürich"}).content.decode()
    assert "JobBrücke" in html and "ErgoPlus" not in html


def test_htmx_search_answers_the_results_fragment_with_the_count(client, anna, ergo, coach):
    client.force_login(anna)
    response = client.get(LIST, {"q": "ergo"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "ErgoPlus" in html and "JobBrücke" not in html
    assert 'id="provider-count" hx-swap-oob="innerHTML"' in html


def test_htmx_history_restore_gets_the_whole_page(client, anna, ergo):
    client.force_login(anna)
    html = client.get(LIST, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true").content.decode()
    assert "<html" in html


def test_unknown_filter_is_shown_as_an_error_and_ignored(client, anna, ergo):
    client.force_login(anna)
    response = client.get(LIST, {"category": "astrology"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "field-error" in html
    assert "ErgoPlus" in html


def test_nothing_found_says_what_to_do(client, anna, ergo):
    client.force_login(anna)
    assert "Kein Anbieter passt" in client.get(LIST, {"q": "zzz"}).content.decode()


def test_list_paginates(client, anna, org):
    for index in range(55):
        ProviderFactory(organisation=org, name=f"Anbieter {index:02d}")
    client.force_login(anna)
    html = client.get(LIST, {"q": "anbieter"}).content.decode()
    assert "Anbieter 49" in html and "Anbieter 50" not in html
    assert "?q=anbieter&amp;page=2" in html
    assert "Anbieter 50" in client.get(LIST, {"q": "anbieter", "page": 2}).content.decode()


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["emil", "dora"])
def test_others_may_not_open_the_directory(client, request, who, ergo):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403
    assert client.get(ergo.get_absolute_url()).status_code == 403
    assert client.get(reverse("network:provider_create")).status_code == 403


def test_detail_page_shows_contact_and_offers(client, carla, ergo):
    client.force_login(carla)
    html = client.get(ergo.get_absolute_url()).content.decode()
    assert "<h1>ErgoPlus Arbeitsplatzberatung</h1>" in html
    assert "kontakt@ergoplus.example" in html
    assert "Arbeitsplatzabklärung vor Ort" in html
    assert "CHF 180.00" in html  # Swiss francs keep the Swiss decimal point


def test_detail_of_another_organisation_is_404(client, olga, ergo):
    client.force_login(olga)
    assert client.get(ergo.get_absolute_url()).status_code == 404
    assert client.get(reverse("network:provider_edit", args=[ergo.pk])).status_code == 404
    response = client.post(reverse("network:provider_edit", args=[ergo.pk]), {"name": "Fremd", "version": 1})
    assert response.status_code == 404
    ergo.refresh_from_db()
    assert ergo.name == "ErgoPlus Arbeitsplatzberatung"


FORM = {"name": "Praxis Brändli", "category": "psychotherapy", "region": "Bern", "active": "on"}


def test_create_provider(client, anna, org):
    client.force_login(anna)
    response = client.post(reverse("network:provider_create"), {**FORM, "email": "praxis@braendli.example"})
    provider = Provider.objects.get(name="Praxis Brändli")
    assert response.status_code == 302
    assert response["Location"] == provider.get_absolute_url()
    assert provider.organisation == org
    assert provider.active


def test_invalid_provider_form_shows_the_error_summary_keeps_values_and_stores_nothing(client, anna):
    client.force_login(anna)
    response = client.post(
        reverse("network:provider_create"), {**FORM, "name": "", "email": "nope", "region": "Bern-Mittelland"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Es gibt ein Problem" in html
    assert 'href="#id_name"' in html
    assert "Geben Sie den Namen des Anbieters ein." in html
    assert "name@example.ch" in html
    assert 'value="Bern-Mittelland"' in html
    assert not Provider.objects.exists()


def test_duplicate_name_is_shown_next_to_the_name_field(client, anna, ergo):
    client.force_login(anna)
    response = client.post(reverse("network:provider_create"), {**FORM, "name": ergo.name})
    assert "bereits im Verzeichnis" in response.content.decode()
    assert Provider.objects.count() == 1


def test_edit_provider(client, anna, ergo):
    client.force_login(anna)
    url = reverse("network:provider_edit", args=[ergo.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    response = client.post(url, {**FORM, "name": ergo.name, "category": "ergonomics", "region": "Riehen", "version": 1})
    assert response.status_code == 302
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version, ergo.active) == ("Riehen", 2, True)


def test_stale_edit_shows_the_stored_value_and_changes_nothing(client, anna, carla, ergo):
    url = reverse("network:provider_edit", args=[ergo.pk])
    client.force_login(carla)
    client.post(url, {**FORM, "name": ergo.name, "category": "ergonomics", "region": "Liestal", "version": 1})
    client.force_login(anna)
    data = {**FORM, "name": ergo.name, "category": "ergonomics", "region": "Riehen", "version": 1}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jemand anderes hat das inzwischen geändert" in html
    assert "<td>Liestal</td><td>Riehen</td>" in html
    assert 'name="version" value="2"' in html  # saving again overwrites on purpose
    assert 'value="Riehen"' in html
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version) == ("Liestal", 2)
    assert client.post(url, {**data, "version": 2}).status_code == 302
    ergo.refresh_from_db()
    assert (ergo.region, ergo.version) == ("Riehen", 3)


def test_add_edit_and_remove_an_offer(client, anna, ergo):
    client.force_login(anna)
    response = client.post(
        reverse("network:offer_create", args=[ergo.pk]), {"title": "Schulung", "price": "950,50", "unit": "pro Halbtag"}
    )
    assert response.status_code == 302
    offer = ergo.offers.get(title="Schulung")
    assert str(offer.price) == "950.50"
    edit = reverse("network:offer_edit", args=[ergo.pk, offer.pk])
    assert client.post(edit, {"title": "Schulung Team", "price": "990.00", "version": 1}).status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.version) == ("Schulung Team", 2)
    stale = client.post(edit, {"title": "Alt", "price": "", "version": 1}).content.decode()
    assert "Jemand anderes" in stale and "Schulung Team" in stale
    delete = reverse("network:offer_delete", args=[ergo.pk, offer.pk])
    assert "nicht rückgängig" in client.get(delete).content.decode()
    assert Offer.objects.filter(pk=offer.pk).exists()
    assert client.post(delete).status_code == 302
    assert not Offer.objects.filter(pk=offer.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "price": "10"}, "Geben Sie den Titel des Angebots ein."),
        ({"title": "A", "price": "zehn"}, "Geben Sie den Preis als Zahl ein"),
        ({"title": "A", "price": "-3"}, "id_price"),
    ],
)
def test_invalid_offer_form_stores_nothing(client, anna, ergo, data, message):
    client.force_login(anna)
    response = client.post(reverse("network:offer_create", args=[ergo.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ergo.offers.count() == 1


def test_offer_pages_of_another_organisation_are_404(client, olga, ergo):
    offer = ergo.offers.get()
    client.force_login(olga)
    assert client.get(reverse("network:offer_create", args=[ergo.pk])).status_code == 404
    assert client.post(reverse("network:offer_delete", args=[ergo.pk, offer.pk])).status_code == 404
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_list_page_query_count_is_pinned(client, anna, org, django_assert_max_num_queries):
    for index in range(20):
        provider = ProviderFactory(organisation=org, region=f"Region {index % 4}")
        OfferFactory.create_batch(index % 3 + 1, provider=provider)
    client.force_login(anna)
    # session, user, roles, regions, count, organisation (header), providers, offers,
    # session save in a savepoint (3): the same for 20 providers as for 2
    with django_assert_max_num_queries(12):  # +1: the second-factor check
        response = client.get(LIST, {"q": "provider"})
    assert response.status_code == 200
