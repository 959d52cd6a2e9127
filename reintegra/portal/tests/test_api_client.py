"""The client portal API: the same rules as the pages."""

import re

import pytest
from django.utils import timezone

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import UserFactory, member
from reintegra.assessments.models import AssessmentItem
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.disclosure import disclosed_case_get, disclosed_payload
from reintegra.cases.models import CaseEvent
from reintegra.plans.services.plan import plan_agree

from .conftest import api_for

pytestmark = pytest.mark.django_db


def test_me_returns_my_case_and_plan_without_internal_detail(alice, juerg, case, goal, client_measure, emil_measure):
    plan_agree(actor=alice, case=case, agreed_on=timezone.localdate(), form="written")
    response = api_for(juerg).get("/api/v1/portal/me/")
    assert response.status_code == 200
    body = response.json()
    assert body["case"]["reference"] == case.reference
    assert [g["title"] for g in body["case"]["goals"]] == ["Zurück ins Lager"]
    assert {m["title"] for m in body["case"]["measures"]} == {"Physiotherapie", "Hebehilfe beschaffen"}
    mine = next(m for m in body["case"]["measures"] if m["title"] == "Physiotherapie")
    assert mine["mine"] is True and mine["overdue"] is True
    for internal in ("Interne Notiz", "Diagnose", "summary", "Rückenschmerzen"):
        assert internal not in str(body), internal
    assert re.search(r"\b900\b", str(body)) is None  # the planned cost; "900" alone also occurs inside ids
    assert AccessLogEntry.objects.filter(username="juerg", action="read", object_type="case").exists()


def test_me_without_a_case_is_null(org):
    lonely = member(UserFactory(username="lonely", organisation=org), Role.CLIENT)
    assert api_for(lonely).get("/api/v1/portal/me/").json()["case"] is None


@pytest.mark.parametrize("who", ["alice", "dora", "charlie", "emil"])
def test_others_get_403(request, who, share):
    api = api_for(request.getfixturevalue(who))
    for url in (
        "/api/v1/portal/me/",
        "/api/v1/portal/consents/",
        "/api/v1/portal/access-log/",
        "/api/v1/portal/assessment-items/",
    ):
        assert api.get(url).status_code == 403, url
    assert api.post(f"/api/v1/portal/consents/{share.pk}/withdraw/", {}, format="json").status_code == 403
    share.refresh_from_db()
    assert share.withdrawn_on is None


def test_anonymous_gets_401(client):
    assert client.get("/api/v1/portal/me/").status_code == 401


def test_consents_list_and_withdraw(
    juerg, emil, case, share, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    api = api_for(juerg)
    with django_assert_max_num_queries(8):
        listed = api.get("/api/v1/portal/consents/").json()["results"]
    assert [c["purpose"] for c in listed] == ["share_with_employer"] and listed[0]["status"] == "active"
    assert "Arbeitgeber" in listed[0]["purpose_text"] or "employer" in listed[0]["purpose_text"]
    assert api_for(emil).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/portal/consents/{share.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    share.refresh_from_db()
    assert (share.withdrawn_on, share.version) == (timezone.localdate(), 2)
    event = CaseEvent.objects.get(case=case, kind="consent_withdrawn")
    assert event.actor == juerg and event.new == {"status": "withdrawn", "consent": str(share.pk), "by": "client"}
    assert AccessLogEntry.objects.filter(
        username="juerg", action="change", object_type="consent", object_id=str(share.pk)
    ).exists()
    assert api_for(emil).get(f"/api/v1/cases/{case.pk}/").status_code == 404
    again = api.post(f"/api/v1/portal/consents/{share.pk}/withdraw/", {}, format="json")
    assert again.status_code == 200 and again.json()["withdrawn_on"] == timezone.localdate().isoformat()
    share.refresh_from_db()
    assert share.version == 2  # the second withdrawal changed nothing
    assert CaseEvent.objects.filter(case=case, kind="consent_withdrawn").count() == 1


def test_other_clients_consents_are_invisible(zora, share):
    api = api_for(zora)
    assert api.get("/api/v1/portal/consents/").json()["results"] == []
    assert api.post(f"/api/v1/portal/consents/{share.pk}/withdraw/", {}, format="json").status_code == 404
    share.refresh_from_db()
    assert share.withdrawn_on is None


def test_access_log_shows_others_not_me(juerg, alice, emil, case, share):
    api_for(alice).get(f"/api/v1/cases/{case.pk}/")
    disclosed_payload(disclosed_case_get(user=emil, case_id=case.pk), user=emil)
    api = api_for(juerg)
    api.get("/api/v1/portal/me/")
    rows = api.get("/api/v1/portal/access-log/").json()["results"]
    names = {row["name"] for row in rows}
    assert "Alice Owner" in names and "Emil Brunner" in names
    assert all(set(row) == {"at", "name", "role", "action", "object"} for row in rows)
    assert not any("juerg" in row["name"].lower() for row in rows)
    assert AccessLogEntry.objects.filter(username="juerg", object_type="access_log").exists()


def test_items_list_and_rate(juerg, items, case):
    api = api_for(juerg)
    listed = api.get("/api/v1/portal/assessment-items/").json()["results"]
    assert [i["text"] for i in listed] == ["Rückenschmerzen beim Heben", "Familie hilft"]
    assert "professional_rating" not in listed[0]
    item = items[0]
    url = f"/api/v1/portal/assessment-items/{item.pk}/"
    assert api.get(url).json()["version"] == 1
    response = api.patch(url, {"client_rating": 3, "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["client_rating"] == 3 and response.json()["client_rating_source"] == "client"
    assert response.json()["version"] == 2
    item.refresh_from_db()
    assert (item.client_rating, item.client_rating_source, item.version) == (3, "client", 2)
    assert item.professional_rating == 3  # the client rates only their own column


@pytest.mark.parametrize(
    "body,field",
    [
        ({"client_rating": 5, "version": 1}, "client_rating"),
        ({"client_rating": -1, "version": 1}, "client_rating"),
        ({"client_rating": "viel", "version": 1}, "client_rating"),
        ({"client_rating": True, "version": 1}, "client_rating"),
        ({"client_rating": None, "version": 1}, "client_rating"),
        ({"version": 1}, "client_rating"),
        ({"client_rating": 2}, "version"),
        ({"client_rating": 2, "version": "x"}, "version"),
    ],
)
def test_bad_ratings_are_400_naming_the_field(juerg, items, body, field):
    item = items[0]
    response = api_for(juerg).patch(f"/api/v1/portal/assessment-items/{item.pk}/", body, format="json")
    assert response.status_code == 400 and field in response.json()
    item.refresh_from_db()
    assert item.client_rating is None and item.version == 1


def test_malformed_json_is_400_and_changes_nothing(juerg, items):
    item = items[0]
    events_before = CaseEvent.objects.filter(case=item.assessment.case).count()
    response = api_for(juerg).patch(f"/api/v1/portal/assessment-items/{item.pk}/", "{", content_type="application/json")
    assert response.status_code == 400
    item.refresh_from_db()
    assert (item.client_rating, item.version) == (None, 1)
    assert CaseEvent.objects.filter(case=item.assessment.case).count() == events_before
    assert not AccessLogEntry.objects.filter(username="juerg", action="change").exists()


def test_stale_rating_is_409(juerg, items):
    item = items[0]
    AssessmentItem.objects.filter(pk=item.pk).update(version=4)
    response = api_for(juerg).patch(
        f"/api/v1/portal/assessment-items/{item.pk}/", {"client_rating": 1, "version": 1}, format="json"
    )
    assert response.status_code == 409
    assert AssessmentItem.objects.get(pk=item.pk).client_rating is None


def test_other_clients_items_are_404(zora, items):
    item = items[0]
    api = api_for(zora)
    assert api.get("/api/v1/portal/assessment-items/").json()["results"] == []
    assert api.get(f"/api/v1/portal/assessment-items/{item.pk}/").status_code == 404
    assert (
        api.patch(
            f"/api/v1/portal/assessment-items/{item.pk}/", {"client_rating": 1, "version": 1}, format="json"
        ).status_code
        == 404
    )
    assert AssessmentItem.objects.get(pk=item.pk).client_rating is None
