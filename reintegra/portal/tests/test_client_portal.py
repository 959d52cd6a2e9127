"""The client portal pages: only my own case, withdraw with confirmation, my ratings, who accessed."""

import re

import pytest
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.assessments.models import AssessmentItem
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record
from reintegra.plans.services.plan import plan_agree

from .conftest import web_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(alice, case, goal, client_measure, emil_measure):
    plan_agree(actor=alice, case=case, agreed_on=timezone.localdate(), form="written")


@pytest.fixture
def data_consent(alice, case):
    return consent_record(
        actor=alice, case=case, purpose="data_collection", form="written", given_on=timezone.localdate()
    )


def test_home_shows_my_plan_without_internal_detail(juerg, case, agreed, share, data_consent, items):
    response = web_for(juerg).get("/portal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zurück ins Lager" in html and "Physiotherapie" in html and "Hebehilfe beschaffen" in html
    assert "Emil HR" in html  # who is responsible
    assert "überfällig" in html  # the client's measure was due yesterday
    for internal in ("Interne Notiz", "Diagnose", "Rückenschmerzen"):
        assert internal not in html, internal
    # The planned cost (900.00) as a number of its own: a bare "900" also turns up inside random ids.
    assert re.search(r"\b900\b", html) is None
    assert "Einverständnisse" in html and "Zurückziehen" in html
    assert AccessLogEntry.objects.filter(
        username="juerg", action="read", object_type="case", case_id=str(case.pk)
    ).exists()
    assert AccessLogEntry.objects.filter(username="juerg", action="read", object_type="plan").exists()


def test_home_lists_who_accessed_my_case_but_not_me_and_no_ip(juerg, alice, case):
    web_for(alice).get(f"/cases/{case.pk}/")
    web_for(juerg).get("/portal/")
    html = web_for(juerg).get("/portal/").content.decode()
    section = html.split('id="access-title"')[1]
    section = section.split("</section>")[0]
    assert "Alice Owner" in section
    assert "juerg" not in section
    assert "127.0.0.1" not in html


def test_a_client_without_case_sees_a_calm_empty_page(org):
    lonely = member(UserFactory(username="lonely", organisation=org), Role.CLIENT)
    response = web_for(lonely).get("/portal/")
    assert response.status_code == 200 and "noch nichts" in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "dora", "charlie"])
def test_staff_get_403(request, who):
    web = web_for(request.getfixturevalue(who))
    for url in ("/portal/", "/portal/ratings/", "/portal/employer/"):
        assert web.get(url).status_code == 403, url


def test_anonymous_is_sent_to_sign_in(client):
    for url in ("/portal/", "/portal/ratings/", "/portal/employer/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_employer_contact_is_sent_to_the_employer_portal(emil, hr):
    response = web_for(emil).get("/portal/")
    assert response.status_code == 302 and response["Location"] == "/portal/employer/"
    assert web_for(emil).get("/portal/ratings/").status_code == 403


def test_withdraw_asks_then_ends_the_employers_access_at_once(
    juerg, emil, case, share, django_capture_on_commit_callbacks
):
    employer = web_for(emil)
    assert employer.get(f"/portal/employer/cases/{case.pk}/").status_code == 200
    web = web_for(juerg)
    confirm = web.get(f"/portal/consents/{share.pk}/withdraw/")
    assert confirm.status_code == 200
    assert "sofort" in confirm.content.decode()
    share.refresh_from_db()
    assert share.withdrawn_on is None  # the GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(f"/portal/consents/{share.pk}/withdraw/")
    assert response.status_code == 302 and response["Location"] == "/portal/"
    share.refresh_from_db()
    assert share.withdrawn_on == timezone.localdate()
    event = CaseEvent.objects.get(case=case, kind="consent_withdrawn")
    assert event.actor == juerg
    assert AccessLogEntry.objects.filter(username="juerg", action="change", object_type="consent").exists()
    assert employer.get(f"/portal/employer/cases/{case.pk}/").status_code == 404
    assert "Hebehilfe" not in employer.get("/portal/employer/").content.decode()


def test_another_clients_consent_is_404_and_unchanged(zora, share):
    web = web_for(zora)
    assert web.get(f"/portal/consents/{share.pk}/withdraw/").status_code == 404
    assert web.post(f"/portal/consents/{share.pk}/withdraw/").status_code == 404
    share.refresh_from_db()
    assert share.withdrawn_on is None
    assert AccessLogEntry.objects.filter(username="zora", action="denied", object_type="consent").exists()


def test_staff_cannot_use_the_client_withdrawal(alice, share):
    assert web_for(alice).post(f"/portal/consents/{share.pk}/withdraw/").status_code == 403
    assert Consent.objects.get(pk=share.pk).withdrawn_on is None


def test_ratings_page_shows_items_without_professional_ratings(juerg, items):
    response = web_for(juerg).get("/portal/ratings/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rückenschmerzen beim Heben" in html and "Familie hilft" in html
    assert "Fachperson" not in html and "professional" not in html.lower()


def test_rating_is_saved_with_source_client(juerg, items, case):
    item = items[0]
    response = web_for(juerg).post(
        f"/portal/ratings/{item.pk}/",
        {f"item-{item.pk}-client_rating": "2", f"item-{item.pk}-version": str(item.version)},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.client_rating == 2 and item.client_rating_source == "client" and item.client_rated_by == juerg
    assert item.professional_rating == 3 and item.version == 2
    assert CaseEvent.objects.filter(case=case, kind="client_rating_entered").exists()


@pytest.mark.parametrize("value", ["5", "-1", "x", ""])
def test_bad_rating_names_the_field_and_stores_nothing(juerg, items, value):
    item = items[0]
    response = web_for(juerg).post(
        f"/portal/ratings/{item.pk}/", {f"item-{item.pk}-client_rating": value, f"item-{item.pk}-version": "1"}
    )
    assert response.status_code == 400
    assert "Ihre Einschätzung" in response.content.decode()
    item.refresh_from_db()
    assert item.client_rating is None and item.version == 1


def test_stale_rating_is_409_and_stores_nothing(juerg, items):
    item = items[1]
    AssessmentItem.objects.filter(pk=item.pk).update(version=5)
    response = web_for(juerg).post(
        f"/portal/ratings/{item.pk}/", {f"item-{item.pk}-client_rating": "4", f"item-{item.pk}-version": "1"}
    )
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.client_rating == 2 and item.version == 5


def test_another_clients_item_is_404(zora, items):
    item = items[0]
    response = web_for(zora).post(
        f"/portal/ratings/{item.pk}/", {f"item-{item.pk}-client_rating": "1", f"item-{item.pk}-version": "1"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.client_rating is None


def test_home_query_count_is_pinned(juerg, agreed, share, data_consent, items, django_assert_max_num_queries):
    web = web_for(juerg)
    web.get("/portal/")
    with django_assert_max_num_queries(15):  # 14 today: session, user, roles, case, plan, consents, items …
        assert web.get("/portal/").status_code == 200
