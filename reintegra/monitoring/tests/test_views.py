from datetime import timedelta

import pytest
from django.urls import reverse

from reintegra.audit.models import AccessLogEntry
from reintegra.monitoring.tests.conftest import make_case, make_consent, make_follow_up, make_measure, make_review

pytestmark = pytest.mark.django_db

INDEX = "/monitoring/"
SUMMARY = "/monitoring/summary/"


def case_url(case):
    return f"/cases/{case.pk}/monitoring/"


def monitoring_reads(user):
    return list(AccessLogEntry.objects.filter(user_id=str(user.pk), object_type="monitoring"))


def test_urls_resolve_by_name(case):
    assert reverse("monitoring:index") == INDEX
    assert reverse("monitoring:summary") == SUMMARY
    assert reverse("monitoring:case", kwargs={"case_id": case.pk}) == case_url(case)


@pytest.mark.parametrize("url", [INDEX, SUMMARY, "case"])
def test_anonymous_is_sent_to_sign_in(client, case, url):
    response = client.get(case_url(case) if url == "case" else url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["dora", "admin", "employer"])
@pytest.mark.parametrize("url", [INDEX, SUMMARY, "case"])
def test_people_without_a_case_role_get_403_and_only_the_refusal_is_logged(client, request, case, who, url):
    user = request.getfixturevalue(who)
    client.force_login(user)
    path = case_url(case) if url == "case" else url
    response = client.get(path)
    assert response.status_code == 403
    assert monitoring_reads(user) == []
    # #21 item 6: the refusal itself is in the log, once.
    [refused] = AccessLogEntry.objects.filter(user_id=str(user.pk), action="denied")
    assert (refused.object_type, refused.object_id) == ("page", path)


def test_index_lists_my_items_grouped_and_logs_one_read(client, alice, full_case):
    client.force_login(alice)
    response = client.get(INDEX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ergonomie-Abklärung" in body
    assert full_case.reference in body
    assert 'id="group-overdue"' in body and 'id="group-week"' in body and 'id="group-later"' in body
    assert f"/cases/{full_case.pk}/plan/#measure-" in body
    [entry] = monitoring_reads(alice)
    assert entry.action == "read" and entry.case_id == ""


def test_index_speaks_german_first(client, alice, full_case):
    client.force_login(alice)
    body = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Überfällig" in body
    assert "Diese Woche" in body
    assert "3 Tage überfällig" in body


def test_index_filters_by_kind_and_scope(client, alice, bob, org, full_case, today):
    org.case_managers_see_unit = True
    org.save()
    bobs = make_case(bob, "Bruno", "Bobfall")
    make_measure(bobs, today, title="Massnahme von Bob")
    client.force_login(alice)
    mine = client.get(INDEX, {"scope": "mine"}).content.decode()
    assert "Massnahme von Bob" not in mine
    visible = client.get(INDEX, {"scope": "visible"}).content.decode()
    assert "Massnahme von Bob" in visible
    reviews_only = client.get(INDEX, {"kind": "review"}).content.decode()
    assert "Ergonomie-Abklärung" not in reviews_only


def test_index_ignores_an_invalid_filter_and_shows_the_error(client, alice, full_case):
    client.force_login(alice)
    response = client.get(INDEX, {"kind": "nonsense"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "field-error" in body
    assert "Ergonomie-Abklärung" in body


def test_htmx_gets_only_the_items(client, alice, full_case):
    client.force_login(alice)
    body = client.get(INDEX, {"kind": "measure"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body
    assert "Ergonomie-Abklärung" in body


def test_team_lead_sees_the_units_cases_by_default(client, lead, full_case):
    client.force_login(lead)
    body = client.get(INDEX).content.decode()
    assert "Ergonomie-Abklärung" in body


def test_other_case_manager_does_not_see_alices_case(client, bob, full_case):
    client.force_login(bob)
    body = client.get(INDEX, {"scope": "visible"}).content.decode()
    assert "Ergonomie-Abklärung" not in body


def test_case_page_lists_the_case_items_and_logs_the_read(client, alice, full_case):
    client.force_login(alice)
    response = client.get(case_url(full_case))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ergonomie-Abklärung" in body
    assert f"/cases/{full_case.pk}/reviews/" in body
    [entry] = monitoring_reads(alice)
    assert entry.case_id == str(full_case.pk) and entry.action == "read"


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_case_page_answers_404_for_a_case_that_is_not_visible(client, request, full_case, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(case_url(full_case))
    assert response.status_code == 404
    assert monitoring_reads(user) == []
    assert AccessLogEntry.objects.filter(user_id=str(user.pk), action="denied").exists()


def test_case_page_of_a_missing_case_is_404(client, alice):
    client.force_login(alice)
    assert client.get("/cases/00000000-0000-0000-0000-000000000000/monitoring/").status_code == 404


def test_summary_shows_counts_only(client, alice, full_case):
    client.force_login(alice)
    response = client.get(SUMMARY, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "2 overdue" in body or "2 überfällig" in body
    assert "Ergonomie-Abklärung" not in body
    assert full_case.reference not in body
    assert monitoring_reads(alice) == []


def _fill(alice, today, n):
    for i in range(n):
        case = make_case(alice, f"K{i}", "Klient")
        make_measure(case, today - timedelta(days=1))
        make_review(case, today)
        make_follow_up(case, today + timedelta(days=9))
        make_consent(case, today, purpose="share_with_insurer")


def test_index_query_count_does_not_grow_with_cases(client, alice, today, django_assert_max_num_queries):
    client.force_login(alice)
    _fill(alice, today, 2)
    with django_assert_max_num_queries(13) as few:  # 12, and the remembered window
        client.get(INDEX)
    _fill(alice, today, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INDEX)
    assert response.content.decode().count("Klient") >= 40


def test_case_page_query_count_is_pinned(client, alice, full_case, django_assert_max_num_queries):
    client.force_login(alice)
    with django_assert_max_num_queries(16):
        assert client.get(case_url(full_case)).status_code == 200


def test_summary_query_count_is_pinned(client, alice, today, django_assert_max_num_queries):
    client.force_login(alice)
    _fill(alice, today, 1)
    with django_assert_max_num_queries(13) as few:  # 12, and the remembered window
        assert client.get(SUMMARY).status_code == 200
    _fill(alice, today, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(SUMMARY).status_code == 200


def test_team_lead_keeps_every_visible_case_when_filtering_by_kind(client, lead, full_case):
    client.force_login(lead)
    body = client.get(INDEX, {"kind": "measure"}).content.decode()
    assert "Ergonomie-Abklärung" in body
    assert 'value="visible" selected' in body


def test_items_link_to_the_case_and_say_how_long_is_left(client, alice, full_case):
    client.force_login(alice)
    body = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f"/cases/{full_case.pk}/monitoring/" in body
    assert "in 10 Tagen" in body
