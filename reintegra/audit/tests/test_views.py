"""The access-log page and its CSV export.

Access: the data-protection role gets the page; every other signed-in person gets 404 (as for
other pages that are not theirs — the API answers 403), and the attempt is logged; anonymous
visitors are sent to sign in.
"""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reintegra.audit.models import AccessLogEntry

from .conftest import anonymous_read, entry_at, open_case

pytestmark = pytest.mark.django_db

PAGE = reverse("audit:log")
CSV = reverse("audit:log_csv")


@pytest.fixture
def dpo_web(client, dora):
    client.force_login(dora)
    return client


def shown(reference):
    """The reference as a case cell of the table shows it (not as typed into the filter)."""
    return f">{reference}</a>"


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


# --- access ---------------------------------------------------------------------------------


def test_urls_are_where_the_navigation_expects_them():
    assert PAGE == "/access-log/"
    assert CSV == "/access-log/export.csv"


def test_the_officer_sees_her_organisations_entries_in_german(dpo_web, case, other_case):
    response = dpo_web.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Zugriffsprotokoll</h1>" in page
    assert shown(case.reference) in page
    assert "alice" in page
    assert "geändert" in page and "gelesen" in page
    assert "charlie" not in page
    assert other_case.reference not in page
    assert "Müller" not in page and "Keller" not in page  # no case content
    assert 'href="/access-log/?case=' in page  # a case links to the log filtered by it


def test_the_page_is_complete_in_english(client, dora, case):
    client.force_login(dora)
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Access log</h1>" in page
    assert "Download as CSV" in page
    assert "Filter the access log" in page
    assert "Zugriffsprotokoll" not in page and "Herunterladen" not in page


@pytest.mark.parametrize("url", [PAGE, CSV])
def test_a_case_manager_gets_404_and_the_attempt_is_logged(client, alice, case, url):
    client.force_login(alice)
    assert client.get(url).status_code == 404
    assert AccessLogEntry.objects.filter(username="alice", action="denied", object_type="access_log").count() == 1
    assert not AccessLogEntry.objects.filter(action__in=["read", "export"], object_type="access_log").exists()


@pytest.mark.parametrize("url", [PAGE, CSV])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_other_organisations_officer_sees_none_of_alices_entries(client, olga, case, other_case):
    client.force_login(olga)
    page = client.get(PAGE).content.decode()
    assert "charlie" in page and shown(other_case.reference) in page
    assert "alice" not in page and shown(case.reference) not in page
    # Alice's reference means nothing in Olga's organisation.
    response = client.get(PAGE, {"case": case.reference})
    assert response.status_code == 400


def test_only_get_is_allowed(dpo_web):
    assert dpo_web.post(PAGE).status_code == 405
    assert dpo_web.post(CSV).status_code == 405


# --- filters -----------------------------------------------------------------------------------


def test_filter_by_reference_or_case_id_shows_anonymous_entries_of_that_case(
    dpo_web, alice, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        second = open_case(alice, last_name="Zweiter")
    anonymous_read(case)
    for value in (case.reference, case.reference.lower(), str(case.pk)):
        page = dpo_web.get(PAGE, {"case": value}).content.decode()
        assert shown(case.reference) in page
        assert shown(second.reference) not in page
        assert "anonym" in page
    assert "anonym" not in dpo_web.get(PAGE).content.decode()


def test_filter_by_username_action_and_dates(dpo_web, alice, dora):
    zurich = timezone.get_current_timezone()
    entry_at(datetime(2026, 3, 1, 9, 0, tzinfo=zurich), user=alice, object_type="assessment")
    entry_at(datetime(2026, 3, 3, 9, 0, tzinfo=zurich), user=alice, action="disclose", recipient="HR Alice AG")
    entry_at(datetime(2026, 3, 3, 10, 0, tzinfo=zurich), user=dora, object_type="goal")
    # The object types read as words ("assessment" as "Einschätzung", "goal" as "Ziel").
    assessment, goal = "<td>Einschätzung", "<td>Ziel"
    page = dpo_web.get(PAGE, {"user": "alice", "action": "disclose"}).content.decode()
    assert "HR Alice AG" in page and assessment not in page and goal not in page
    page = dpo_web.get(PAGE, {"from": "2.3.2026", "to": "3.3.2026", "user": "alice"}).content.decode()
    assert "HR Alice AG" in page and assessment not in page
    page = dpo_web.get(PAGE, {"to": "2026-03-01"}).content.decode()
    assert assessment in page and "HR Alice AG" not in page and "assessment" not in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"case": "BEM-1999-9999"}, "Es gibt in Ihrer Organisation keinen Fall mit dieser Referenz"),
        ({"from": "31.2.2026"}, "Geben Sie ein gültiges Datum ein"),
        ({"from": "5.3.2026", "to": "1.3.2026"}, "Der letzte Tag darf nicht vor dem ersten Tag liegen"),
        ({"action": "peek"}, "Auswahl"),
    ],
)
def test_bad_filters_show_the_error_next_to_the_field_and_read_nothing(dpo_web, case, params, message):
    for url in (PAGE, CSV):
        response = dpo_web.get(url, params)
        assert response.status_code == 400
        page = response.content.decode()
        assert "error-summary" in page
        assert message in page
        assert shown(case.reference) not in page  # no entries shown
    assert not AccessLogEntry.objects.filter(object_type="access_log").exists()


# --- pagination, queries, logging ----------------------------------------------------------------


def test_keyset_pagination_without_counting(dpo_web, alice):
    base = timezone.now() - timedelta(days=2)
    same_moment = base + timedelta(hours=1)
    for index in range(55):
        # several entries share one timestamp: the id breaks the tie
        entry_at(same_moment if index % 5 == 0 else base + timedelta(minutes=index), user=alice, object_id=f"o{index}")
    with CaptureQueriesContext(connections["audit"]) as audit_queries:
        first = dpo_web.get(PAGE, {"user": "alice"})
    assert not any("COUNT(" in query["sql"].upper() for query in audit_queries.captured_queries)
    seen_first = first.content.decode().count('<code class="audit-id">o')
    assert seen_first == 50
    next_url = first.context["next_url"]
    assert next_url and "user=alice" in next_url
    second = dpo_web.get(next_url)
    assert second.context["next_url"] is None
    assert "Neueste Einträge" in second.content.decode()  # a way back to the first page
    ids = [e.object_id for e in first.context["entries"]] + [e.object_id for e in second.context["entries"]]
    assert sorted(ids) == sorted(f"o{index}" for index in range(55))


def test_a_malformed_cursor_shows_the_first_page(dpo_web, case):
    response = dpo_web.get(PAGE, {"before": "nonsense~123"})
    assert response.status_code == 200
    assert shown(case.reference) in response.content.decode()


def test_page_query_count_is_pinned(dpo_web, alice, django_assert_max_num_queries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cases = [open_case(alice, last_name=f"N{index}") for index in range(8)]
    for created in cases:
        anonymous_read(created)
    # default: sign-in (session, user, second factor, organisation), session renewal (3 with its
    # savepoint), the viewer's roles, and one query for the case references of the whole page;
    # audit: the page and the log's own entry. No COUNT, nothing per row.
    with django_assert_max_num_queries(9), django_assert_max_num_queries(2, using="audit"):
        page = dpo_web.get(PAGE).content.decode()
    assert all(shown(c.reference) in page for c in cases)


def test_reading_the_page_is_logged(dpo_web, dora, case):
    dpo_web.get(PAGE, {"case": case.reference, "action": "change"})
    entry = AccessLogEntry.objects.get(username="dora", action="read", object_type="access_log")
    assert entry.detail == f"case={case.pk}; action=change"
    assert entry.organisation_id == str(dora.organisation_id)


# --- CSV export --------------------------------------------------------------------------------


def test_csv_export_streams_every_matching_entry_and_is_logged(dpo_web, alice, case):
    anonymous_read(case)
    response = dpo_web.get(CSV, {"case": case.reference})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="access-log-')
    rows = csv_rows(response)
    assert list(rows[0]) == [
        "at",
        "user_id",
        "username",
        "action",
        "object",
        "object_id",
        "case",
        "case_reference",
        "recipient",
        "detail",
    ]
    assert [(r["username"], r["action"], r["object"]) for r in rows] == [
        ("", "read", "questionnaire_response"),
        ("alice", "read", "case"),
        ("alice", "change", "case"),
    ]
    assert {r["case_reference"] for r in rows} == {case.reference}
    assert rows[1]["user_id"] == str(alice.pk)
    datetime.fromisoformat(rows[0]["at"])  # ISO 8601 with offset
    export = AccessLogEntry.objects.get(action="export", object_type="access_log")
    assert export.username == "dora"
    assert export.detail == f"case={case.pk}"


def test_csv_export_has_no_case_content_and_neutralises_formulas(dpo_web, alice, case):
    entry_at(timezone.now(), user=alice, action="disclose", recipient='=HYPERLINK("http://x")', case_id=case.pk)
    body = b"".join(dpo_web.get(CSV).streaming_content).decode("utf-8-sig")
    assert "Müller" not in body
    assert "'=HYPERLINK" in body


def test_csv_export_looks_up_references_per_chunk_not_per_row(
    dpo_web, alice, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cases = [open_case(alice, last_name=f"N{index}") for index in range(5)]
    # the same sign-in overhead as the page (8), then one reference query for the chunk
    with django_assert_max_num_queries(9), django_assert_max_num_queries(2, using="audit"):
        rows = csv_rows(dpo_web.get(CSV))
    assert {r["case_reference"] for r in rows} == {c.reference for c in cases}
