"""GET /api/v1/access-log/: who may read it, what it shows, its filters, and that reading it is logged."""

from datetime import datetime, timedelta

import pytest
from django.http import Http404
from django.utils import timezone
from rest_framework.test import APIClient

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.selectors import case_get

from .conftest import anonymous_read, api_for, entry_at, open_case

pytestmark = pytest.mark.django_db

URL = "/api/v1/access-log/"


def log_reads(username):
    return AccessLogEntry.objects.filter(username=username, object_type="access_log", action="read")


# --- who may read it ---------------------------------------------------------------------------


def test_data_protection_officer_reads_the_entries_of_her_organisation(dora, alice, case, other_case):
    response = api_for(dora).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"results", "next"}
    assert body["next"] is None
    assert {(e["user"]["username"], e["action"], e["object"]) for e in body["results"]} == {
        ("alice", "read", "case"),
        ("alice", "change", "case"),
    }
    read = body["results"][0]
    assert read["action"] == "read"  # newest first
    assert read["user"] == {"id": str(alice.pk), "username": "alice"}
    assert read["case"] == str(case.pk)
    assert read["case_reference"] == case.reference
    assert read["recipient"] is None
    assert {"at", "user", "action", "object", "case", "recipient"} <= set(read)
    assert read["at"].endswith("+01:00") or read["at"].endswith("+02:00")  # local time with offset


def test_the_log_shows_no_case_content(dora, case):
    body = api_for(dora).get(URL).content.decode()
    assert "Müller" not in body
    assert "Jürg" not in body


def test_a_case_manager_gets_403_and_the_attempt_is_logged(alice, case):
    response = api_for(alice).get(URL)
    assert response.status_code == 403
    assert "results" not in response.json()
    denied = AccessLogEntry.objects.get(action="denied", object_type="access_log")
    assert denied.username == "alice"


def test_the_other_organisations_officer_is_refused_nothing_but_sees_only_her_own(olga, dora, case, other_case):
    body = api_for(olga).get(URL).json()
    assert {e["user"]["username"] for e in body["results"]} == {"charlie"}
    assert {e["case"] for e in body["results"]} == {str(other_case.pk)}
    # Asking for Alice's case by id finds nothing, not even its anonymous entries.
    anonymous_read(case)
    assert api_for(olga).get(URL, {"case": str(case.pk)}).json()["results"] == []


def test_anonymous_requests_get_401(case):
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_a_denied_attempt_on_another_organisations_case_is_logged_for_both_without_the_foreign_id(
    dora, olga, alice, other_case
):
    """#21 item 6: the reader's officer sees the attempt without the other tenant's case id; the
    owner's officer sees it with her case, filtered by that case too."""
    with pytest.raises(Http404):
        case_get(user=alice, case_id=other_case.pk)
    body = api_for(dora).get(URL, {"action": "denied"}).json()
    assert [(e["user"]["username"], e["case"], e["case_reference"]) for e in body["results"]] == [("alice", None, None)]
    assert str(other_case.pk) not in str(body)
    owner = api_for(olga).get(URL, {"action": "denied"}).json()
    assert [(e["user"]["username"], e["case"], e["case_reference"]) for e in owner["results"]] == [
        ("alice", str(other_case.pk), other_case.reference)
    ]
    by_case = api_for(olga).get(URL, {"case": str(other_case.pk), "action": "denied"}).json()
    assert [e["user"]["username"] for e in by_case["results"]] == ["alice"]


def test_a_denied_attempt_on_a_case_of_the_own_organisation_is_one_entry_with_its_id(dora, alice, bob, case):
    with pytest.raises(Http404):
        case_get(user=bob, case_id=case.pk)
    body = api_for(dora).get(URL, {"action": "denied"}).json()
    assert [(e["user"]["username"], e["case"]) for e in body["results"]] == [("bob", str(case.pk))]


def test_a_denied_attempt_on_a_missing_case_stays_in_the_readers_organisation(dora, olga, alice):
    missing = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(Http404):
        case_get(user=alice, case_id=missing)
    assert [e["case"] for e in api_for(dora).get(URL, {"action": "denied"}).json()["results"]] == [missing]
    assert api_for(olga).get(URL, {"action": "denied"}).json()["results"] == []


def test_the_api_denial_of_another_organisations_case_reaches_the_owner(dora, olga, alice, other_case):
    assert api_for(alice).get(f"/api/v1/cases/{other_case.pk}/").status_code == 404
    assert [e["case"] for e in api_for(dora).get(URL, {"action": "denied"}).json()["results"]] == [None]
    assert [e["case"] for e in api_for(olga).get(URL, {"action": "denied"}).json()["results"]] == [str(other_case.pk)]


# --- anonymous entries and the case filter ------------------------------------------------------


def test_anonymous_entries_appear_when_filtering_by_a_case_of_the_organisation(dora, case, other_case):
    anonymous_read(case)
    anonymous_read(other_case)
    unfiltered = api_for(dora).get(URL).json()["results"]
    assert all(e["user"] is not None for e in unfiltered)
    by_case = api_for(dora).get(URL, {"case": str(case.pk)}).json()["results"]
    assert [(e["user"], e["object"]) for e in by_case][0] == (None, "questionnaire_response")
    assert {e["case"] for e in by_case} == {str(case.pk)}
    assert len(by_case) == 3  # anonymous read, alice's read, alice's change
    # The other organisation's case: its anonymous entry stays invisible.
    assert api_for(dora).get(URL, {"case": str(other_case.pk)}).json()["results"] == []


def test_case_filter_narrows_to_one_case(dora, alice, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        second = open_case(alice, last_name="Zweiter")
    results = api_for(dora).get(URL, {"case": str(second.pk)}).json()["results"]
    assert [(e["action"], e["case_reference"]) for e in results] == [("change", second.reference)]


# --- filters ------------------------------------------------------------------------------------


def test_filter_by_user_id_or_username_and_by_action(dora, alice, case, django_capture_on_commit_callbacks):
    api = api_for(dora)
    api.get(URL)  # dora's own read of the log is an entry too
    by_name = api.get(URL, {"user": "ALICE"}).json()["results"]
    assert {e["user"]["username"] for e in by_name} == {"alice"}
    by_id = api.get(URL, {"user": str(alice.pk)}).json()["results"]
    assert by_id == by_name
    changes = api.get(URL, {"action": "change"}).json()["results"]
    assert [(e["user"]["username"], e["action"]) for e in changes] == [("alice", "change")]
    dora_reads = api.get(URL, {"user": "dora", "action": "read"}).json()["results"]
    assert dora_reads and {e["object"] for e in dora_reads} == {"access_log"}


def test_filter_by_date_range_uses_local_days(dora, alice):
    zurich = timezone.get_current_timezone()
    entry_at(datetime(2026, 3, 1, 23, 30, tzinfo=zurich), user=alice)
    entry_at(datetime(2026, 3, 2, 0, 10, tzinfo=zurich), user=alice)
    entry_at(datetime(2026, 3, 5, 12, 0, tzinfo=zurich), user=alice)
    api = api_for(dora)

    def days(**params):
        return [
            timezone.localtime(datetime.fromisoformat(e["at"])).date().isoformat()
            for e in api.get(URL, {"user": "alice", **params}).json()["results"]
        ]

    assert days(**{"from": "2026-03-02"}) == ["2026-03-05", "2026-03-02"]
    assert days(to="2026-03-01") == ["2026-03-01"]
    assert days(**{"from": "2026-03-02", "to": "2026-03-02"}) == ["2026-03-02"]


def test_empty_parameters_mean_no_filter(dora, case):
    response = api_for(dora).get(URL, {"case": "", "user": "", "action": "", "from": "", "to": ""})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"case": "not-a-case"}, "case"),
        ({"case": "12345"}, "case"),
        ({"action": "peek"}, "action"),
        ({"action": "READ"}, "action"),
        ({"from": "3.11.2026"}, "from"),
        ({"from": "2026-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "to"),
        ({"user": "x" * 151}, "user"),
    ],
)
def test_bad_filter_values_get_400_naming_the_parameter(dora, case, params, field):
    response = api_for(dora).get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert body[field] and all(isinstance(message, str) for message in body[field])
    assert not log_reads("dora").exists()  # nothing was read, so nothing is logged as read


def test_a_bad_cursor_is_not_a_500(dora, case):
    response = api_for(dora).get(URL, {"cursor": "garbage"})
    assert response.status_code == 400 and "cursor" in response.json()  # #21 item 14: names the field


# --- pagination, logging, query count -----------------------------------------------------------


def test_list_is_newest_first_and_cursor_paginated(dora, alice):
    base = timezone.now() - timedelta(days=1)
    for minute in range(5):
        entry_at(base + timedelta(minutes=minute), user=alice, object_type=f"object{minute}")
    api = api_for(dora)
    first = api.get(URL, {"page_size": 2, "user": "alice"}).json()
    assert [e["object"] for e in first["results"]] == ["object4", "object3"]
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    assert [e["object"] for e in second["results"] + third["results"]] == ["object2", "object1", "object0"]
    assert third["next"] is None


def test_reading_the_log_is_logged_with_its_filters(dora, case):
    api_for(dora).get(URL, {"case": str(case.pk), "action": "read"})
    entry = log_reads("dora").get()
    assert entry.organisation_id == str(dora.organisation_id)
    assert entry.case_id == ""  # the log's reading is not a read of the case
    assert entry.detail == f"case={case.pk}; action=read"
    # The officer's own reads are visible to her on the next request.
    again = api_for(dora).get(URL, {"user": "dora"}).json()["results"]
    assert [(e["action"], e["object"]) for e in again] == [("read", "access_log")]


def test_list_query_count_does_not_grow_with_entries(
    dora, alice, case, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cases = [open_case(alice, last_name=f"N{index}") for index in range(6)]
    for created in cases:
        case_get(user=alice, case_id=created.pk)
        anonymous_read(created)
    api = api_for(dora)
    # default database: the officer's roles, the case check, the references of the page
    with django_assert_max_num_queries(3), django_assert_max_num_queries(2, using="audit"):
        response = api.get(URL, {"case": str(cases[0].pk)})
    assert len(response.json()["results"]) == 3
    # without a case filter: roles and references only; audit: the page and the log's own entry
    with django_assert_max_num_queries(2), django_assert_max_num_queries(2, using="audit"):
        response = api.get(URL, {"page_size": 100})
    assert {e["case_reference"] for e in response.json()["results"]} >= {c.reference for c in cases}
