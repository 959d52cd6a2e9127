"""THE test of erasure (issue #16 item 3): a case full of data is erased by the retention run, and
then no table of either database and no file in the upload folder holds the client's names or a
note's text in plain text. Runs on SQLite and, with --postgres, on PostgreSQL."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections

from reintegra.accounts.models import User
from reintegra.cases.models import Case, Client
from reintegra.retention.models import Erasure
from reintegra.retention.tests.conftest import FIRST, FOLDED_LAST, LAST, NOTE, close_long_ago, full_case
from tests.support.people import api_for

pytestmark = pytest.mark.django_db(transaction=False)

NEEDLES = (FIRST, LAST, FOLDED_LAST, NOTE, "Schlafstörungen", "Schlafst\\u00f6rungen", "Qu\\u00e4stenberger")


def _text(value: object) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def plain_text_hits() -> list[str]:
    """Every (database, table, needle) where a needle occurs in any column of any row, case-insensitively."""
    hits = []
    for alias in connections:
        connection = connections[alias]
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the schema
                for row in cursor.fetchall():
                    text = " | ".join(_text(value) for value in row).casefold()
                    hits += [f"{alias}.{table}: {needle}" for needle in NEEDLES if needle.casefold() in text]
    return sorted(set(hits))


def upload_hits(root: Path) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            text = (path.name + path.read_bytes().decode("utf-8", "replace")).casefold()
            hits += [f"{path}: {needle}" for needle in NEEDLES if needle.casefold() in text]
            hits += [f"{path}: scan" for needle in ("quaestenberger",) if needle in text]
    return hits


def _statistical_records() -> tuple[int, int] | None:
    """(rows, rows without a case) of the anonymous statistical record (insights.CaseFigures), or
    None where that app is not installed (it is built on another branch)."""
    try:
        model = apps.get_model("insights", "CaseFigures")
    except LookupError:
        return None
    return model.objects.count(), model.objects.filter(case__isnull=True).count()


def test_erased_case_leaves_no_name_and_no_note_text_anywhere(alice, dora, media, django_capture_on_commit_callbacks):
    case = full_case(alice, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    portal_user = case["portal_user"]
    # The search finds the data before: it is a real search, and the case is really full.
    before = plain_text_hits()
    assert any("cases_client" in hit for hit in before), before
    assert any("cases_participant" in hit for hit in before), before
    # The scan is encrypted at rest, so its content names nobody; it is on disk all the same.
    assert [path for path in media.rglob("*") if path.is_file()], "the signed scan is on disk"
    figures_before = _statistical_records()

    close_long_ago(case["id"], days_ago=1100)
    dpo = api_for(dora)
    due = dpo.get("/api/v1/retention/due/").json()["results"]
    assert [(row["case"], row["reference"], row["reason"]) for row in due] == [
        (case["id"], case["reference"], "after_closure")
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = dpo.post("/api/v1/retention/run/", {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["erased"] == 1

    assert plain_text_hits() == []
    assert upload_hits(media) == []
    assert not list(media.rglob("*.pdf"))
    # The case answers 404; the client and their portal account are gone.
    assert api_for(alice).get(f"/api/v1/cases/{case['id']}/").status_code == 404
    assert not Case.objects.filter(pk=case["id"]).exists()
    assert not Client.objects.filter(organisation=alice.organisation).exists()
    assert not User.objects.filter(pk=portal_user.pk).exists()
    # What stays: the deletion log, one `delete` entry found by the case filter, the statistics.
    erasure = Erasure.objects.get(pk=case["id"])
    assert (erasure.reference, erasure.kind, erasure.files_deleted) == (case["reference"], "retention", 1)
    entries = dpo.get(f"/api/v1/access-log/?case={case['id']}").json()["results"]
    deletes = [entry for entry in entries if entry["action"] == "delete"]
    assert len(deletes) == 1 and deletes[0]["case"] == case["id"]
    assert any(entry["action"] == "read" for entry in entries), "the earlier access-log rows stay"
    if figures_before is not None:  # the case's record stays, now without its link
        rows, orphans = figures_before
        assert rows >= 1
        assert _statistical_records() == (rows, orphans + 1)


def test_other_cases_of_the_client_keep_the_client(alice, dora, django_capture_on_commit_callbacks):
    """A person with a second case keeps their identity for that case; only the erased case goes."""
    from tests.support.cases import case_for

    first = full_case(alice, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    model = Case.objects.get(pk=first["id"])
    with django_capture_on_commit_callbacks(execute=True):
        second = case_for(alice, first="Anna", last="Andere")
    Case.objects.filter(pk=second.pk).update(client=model.client)  # a second case of the same person
    close_long_ago(first["id"], days_ago=1100)
    with django_capture_on_commit_callbacks(execute=True):
        assert api_for(dora).post("/api/v1/retention/run/", {}, format="json").json()["erased"] == 1
    assert not Case.objects.filter(pk=first["id"]).exists()
    kept = Case.objects.select_related("client").get(pk=second.pk)
    assert kept.client.last_name == LAST
    assert User.objects.filter(pk=first["portal_user"].pk).exists()
