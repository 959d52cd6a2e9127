from datetime import timedelta

import pytest

from reintegra.audit.models import AccessLogEntry
from reintegra.monitoring.tests.conftest import api_for, make_case, make_measure

pytestmark = pytest.mark.django_db

LIST = "/api/v1/monitoring/"
ITEM_FIELDS = {
    "kind",
    "object_id",
    "case",
    "case_reference",
    "client_name",
    "title",
    "date",
    "days_overdue",
    "days_left",
    "overdue",
    "url",
}


def case_url(case):
    return f"/api/v1/cases/{case.pk}/monitoring/"


def test_list_shape(alice, full_case, today):
    response = api_for(alice).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"results", "next", "truncated", "window"}
    assert body["window"] == 14
    assert body["next"] is None and body["truncated"] is False
    assert len(body["results"]) == 4
    first = body["results"][0]
    assert set(first) == ITEM_FIELDS
    assert first["case"] == str(full_case.pk)
    assert first["date"] == (today - timedelta(days=3)).isoformat()
    assert first["kind"] == "measure" and first["days_overdue"] == 3 and first["overdue"] is True
    assert first["client_name"] == "Jürg Müller"
    assert [item["date"] for item in body["results"]] == sorted(item["date"] for item in body["results"])


def test_list_kind_scope_and_ordering(alice, bob, org, full_case, today):
    org.case_managers_see_unit = True
    org.save()
    make_measure(make_case(bob, "Bruno", "Bobfall"), today, title="Bobs")
    api = api_for(alice)
    kinds = {item["kind"] for item in api.get(LIST, {"kind": "consent"}).json()["results"]}
    assert kinds == {"consent"}
    titles = {item["title"] for item in api.get(LIST, {"scope": "visible"}).json()["results"]}
    assert "Bobs" in titles
    assert "Bobs" not in {item["title"] for item in api.get(LIST, {"scope": "mine"}).json()["results"]}
    dates = [item["date"] for item in api.get(LIST, {"ordering": "-date"}).json()["results"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"scope": "everything"}, "scope"),
        ({"kind": "nonsense"}, "kind"),
        ({"ordering": "title"}, "ordering"),
        ({"kind": ""}, "kind"),  # #21 item 14: not read as "left out"
        ({"scope": "", "ordering": ""}, "scope"),
    ],
)
def test_bad_parameters_answer_400_naming_the_field(alice, full_case, params, field):
    response = api_for(alice).get(LIST, params)
    assert response.status_code == 400
    assert field in response.json()
    assert not AccessLogEntry.objects.filter(object_type="monitoring").exists()


def test_case_endpoint_bad_kind_is_400(alice, full_case):
    response = api_for(alice).get(case_url(full_case), {"kind": "x"})
    assert response.status_code == 400 and "kind" in response.json()


def test_anonymous_gets_401(client, full_case):
    assert client.get(LIST).status_code == 401
    assert client.get(case_url(full_case)).status_code == 401


@pytest.mark.parametrize("who", ["dora", "admin", "employer"])
def test_without_a_case_role_403(request, full_case, who):
    api = api_for(request.getfixturevalue(who))
    assert api.get(LIST).status_code == 403
    assert api.get(case_url(full_case)).status_code == 403
    refused = AccessLogEntry.objects.filter(user_id=str(request.getfixturevalue(who).pk), action="denied")
    assert sorted(refused.values_list("object_id", flat=True)) == sorted([LIST, case_url(full_case)])


def test_list_read_is_logged_once(alice, full_case):
    api_for(alice).get(LIST)
    [entry] = AccessLogEntry.objects.filter(user_id=str(alice.pk), object_type="monitoring")
    assert entry.action == "read"


def test_case_endpoint(alice, full_case):
    response = api_for(alice).get(case_url(full_case))
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) == 4
    assert {item["case"] for item in body["results"]} == {str(full_case.pk)}
    [entry] = AccessLogEntry.objects.filter(user_id=str(alice.pk), object_type="monitoring")
    assert entry.case_id == str(full_case.pk)


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_case_endpoint_404_for_a_case_that_is_not_visible(request, full_case, who):
    user = request.getfixturevalue(who)
    response = api_for(user).get(case_url(full_case))
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(user_id=str(user.pk), object_type="monitoring").exists()


def test_other_organisation_sees_nothing_in_the_list(charlie, full_case):
    assert api_for(charlie).get(LIST, {"scope": "visible"}).json()["results"] == []


def test_list_query_count_is_pinned(alice, today, django_assert_max_num_queries):
    for i in range(10):
        make_measure(make_case(alice, f"K{i}", "Klient"), today)
    api = api_for(alice)
    with django_assert_max_num_queries(8):
        assert len(api.get(LIST).json()["results"]) == 10


def test_schema_lists_the_monitoring_routes(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/monitoring/" in schema["paths"]
    assert "/api/v1/cases/{case_id}/monitoring/" in schema["paths"]
