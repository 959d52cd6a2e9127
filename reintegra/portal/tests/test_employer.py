"""The employer portal: released cases, my measures, mark done with a note; withdrawal ends it at once."""

import pytest

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import CaseEvent
from reintegra.consents.services import consent_withdraw
from reintegra.plans.models import Measure, PlanChange

from .conftest import api_for, web_for

pytestmark = pytest.mark.django_db


def done_url(case, measure):
    return f"/portal/employer/cases/{case.pk}/measures/{measure.pk}/done/"


def test_home_lists_the_released_case_and_my_measure_only(emil, case, share, emil_measure, client_measure):
    response = web_for(emil).get("/portal/employer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference in html and "Hebehilfe beschaffen" in html
    assert "Physiotherapie" not in html and "Interne Notiz" not in html and "Rückenschmerzen" not in html
    assert AccessLogEntry.objects.filter(username="emil", action="disclose", case_id=str(case.pk)).exists()


def test_without_consent_nothing_is_released(emil, case, hr, emil_measure):
    web = web_for(emil)
    assert "Hebehilfe" not in web.get("/portal/employer/").content.decode()
    assert web.get(f"/portal/employer/cases/{case.pk}/").status_code == 404
    assert web.get(done_url(case, emil_measure)).status_code == 404


def test_case_page_shows_only_released_parts(emil, case, share, emil_measure, client_measure):
    html = web_for(emil).get(f"/portal/employer/cases/{case.pk}/").content.decode()
    assert "Hebehilfe beschaffen" in html and "Physiotherapie" not in html
    assert "Diagnose" not in html and "Interne Notiz" not in html


def test_mark_done_needs_a_note_then_works(emil, case, share, emil_measure, django_capture_on_commit_callbacks):
    web = web_for(emil)
    assert web.get(done_url(case, emil_measure)).status_code == 200
    empty = web.post(done_url(case, emil_measure), {"note": "  ", "version": emil_measure.version})
    assert empty.status_code == 400 and 'id="id_note-error"' in empty.content.decode()
    assert Measure.objects.get(pk=emil_measure.pk).status == "planned"
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(
            done_url(case, emil_measure), {"note": "Hebehilfe ist geliefert.", "version": emil_measure.version}
        )
    assert response.status_code == 302
    measure = Measure.objects.get(pk=emil_measure.pk)
    assert measure.status == "done" and measure.version == emil_measure.version + 1
    event = CaseEvent.objects.get(case=case, kind="measure_done_by_participant")
    assert "Emil HR" in event.summary and "geliefert" not in event.summary
    change = PlanChange.objects.filter(object_id=measure.pk).order_by("created_at").last()
    assert change.reason == "Hebehilfe ist geliefert." and change.actor == emil
    assert AccessLogEntry.objects.filter(username="emil", action="change", object_type="measure").exists()


def test_stale_version_is_409_and_changes_nothing(emil, case, share, emil_measure):
    response = web_for(emil).post(
        done_url(case, emil_measure), {"note": "erledigt", "version": emil_measure.version + 3}
    )
    assert response.status_code == 409
    assert Measure.objects.get(pk=emil_measure.pk).status == "planned"


def test_not_my_measure_is_404(emil, case, share, client_measure):
    web = web_for(emil)
    assert web.get(done_url(case, client_measure)).status_code == 404
    assert web.post(done_url(case, client_measure), {"note": "x", "version": 1}).status_code == 404
    assert Measure.objects.get(pk=client_measure.pk).status == "planned"
    # Each refused attempt is in the access log (#21 item 6), the API's too.
    api = api_for(emil).post(
        f"/api/v1/portal/cases/{case.pk}/measures/{client_measure.pk}/done/", {"note": "x", "version": 1}, format="json"
    )
    assert api.status_code == 404
    refused = AccessLogEntry.objects.filter(
        user_id=str(emil.pk), action="denied", object_type="measure", object_id=str(client_measure.pk)
    )
    assert refused.count() == 3


def test_withdrawn_consent_is_404_at_once(alice, emil, case, share, emil_measure):
    consent_withdraw(actor=alice, case=case, consent=share)
    web = web_for(emil)
    assert web.get(f"/portal/employer/cases/{case.pk}/").status_code == 404
    assert web.post(done_url(case, emil_measure), {"note": "x", "version": 1}).status_code == 404
    assert (
        api_for(emil)
        .post(
            f"/api/v1/portal/cases/{case.pk}/measures/{emil_measure.pk}/done/",
            {"note": "x", "version": 1},
            format="json",
        )
        .status_code
        == 404
    )
    assert Measure.objects.get(pk=emil_measure.pk).status == "planned"


@pytest.mark.parametrize("who", ["alice", "juerg", "dora"])
def test_staff_and_clients_get_403(request, who, case, share, emil_measure):
    user = request.getfixturevalue(who)
    assert web_for(user).get("/portal/employer/").status_code == 403
    assert web_for(user).get(f"/portal/employer/cases/{case.pk}/").status_code == 403
    assert AccessLogEntry.objects.filter(user_id=str(user.pk), action="denied", case_id=str(case.pk)).exists()
    assert web_for(user).post(done_url(case, emil_measure), {"note": "x", "version": 1}).status_code == 403
    response = api_for(user).post(
        f"/api/v1/portal/cases/{case.pk}/measures/{emil_measure.pk}/done/", {"note": "x", "version": 1}, format="json"
    )
    assert response.status_code == 403
    assert Measure.objects.get(pk=emil_measure.pk).status == "planned"


def test_api_lists_my_measures_and_marks_done(
    emil, case, share, emil_measure, client_measure, django_assert_max_num_queries
):
    api = api_for(emil)
    with django_assert_max_num_queries(12):
        listed = api.get("/api/v1/portal/measures/")
    assert listed.status_code == 200
    assert [m["title"] for m in listed.json()["results"]] == ["Hebehilfe beschaffen"]
    url = f"/api/v1/portal/cases/{case.pk}/measures/{emil_measure.pk}/done/"
    for body in (
        {},
        {"note": "", "version": 1},
        {"note": "x"},
        {"note": "x", "version": "eins"},
        {"note": ["x"], "version": 1},
    ):
        response = api.post(url, body, format="json")
        assert response.status_code == 400, body
    assert api.post(url, "{bad json", content_type="application/json").status_code == 400
    assert api.post(url, {"note": "x", "version": 99}, format="json").status_code == 409
    assert Measure.objects.get(pk=emil_measure.pk).status == "planned"
    done = api.post(url, {"note": "Geliefert", "version": emil_measure.version}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = api.post(url, {"note": "Nochmals", "version": done.json()["version"]}, format="json")
    assert again.status_code == 409
    other = api.post(
        f"/api/v1/portal/cases/{case.pk}/measures/{client_measure.pk}/done/", {"note": "x", "version": 1}, format="json"
    )
    assert other.status_code == 404


def test_api_anonymous_is_401(client, case, emil_measure):
    assert client.get("/api/v1/portal/measures/").status_code == 401
    assert client.post(f"/api/v1/portal/cases/{case.pk}/measures/{emil_measure.pk}/done/", {}).status_code == 401


def test_home_query_count_is_pinned(emil, case, share, emil_measure, django_assert_max_num_queries):
    web = web_for(emil)
    web.get("/portal/employer/")
    with django_assert_max_num_queries(14):  # 13 today with one released case
        assert web.get("/portal/employer/").status_code == 200
