"""The insights page and its exports."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from reintegra.audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def _period(today):
    return {"from": str(today - timedelta(days=199)), "to": str(today)}


def test_page_for_the_team_lead(client, lead, data, today):
    client.force_login(lead)
    response = client.get("/insights/", _period(today))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and 'role="img"' in page and "<title" in page  # accessible charts
    assert page.count("<table") >= 6  # a table behind every chart
    assert "75" in page  # median days to close
    assert "zu wenige Fälle" in page or "too few cases" in page


def test_page_in_german_says_too_few_cases(client, lead, data, today):
    client.force_login(lead)
    response = client.get("/insights/", _period(today), HTTP_ACCEPT_LANGUAGE="de")
    assert "zu wenige Fälle" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("de", "Meine Anliegen und meine Sicht wurden ernst genommen."),
        ("fr", "Mes préoccupations et mon point de vue ont été pris au sérieux."),
        ("it", "Le mie richieste e il mio punto di vista sono stati presi sul serio."),
        ("en", "My concerns and my point of view were taken seriously."),
    ],
)
def test_satisfaction_items_read_in_the_readers_language(client, lead, data, today, language, label):
    """The shipped items' wording in the page's language (not the stored German everywhere)."""
    client.force_login(lead)
    page = client.get("/insights/", _period(today), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert label in page.replace("&#x27;", "'")


@pytest.mark.parametrize("who", ["alice", "dora", "employer"])
def test_page_refused_for_others(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/insights/").status_code == 403
    assert client.get("/insights/export.csv").status_code == 403


def test_bad_filter_is_a_form_error(client, lead):
    client.force_login(lead)
    response = client.get("/insights/", {"from": "2026-05-01", "to": "2026-04-01"})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()


def test_csv_export_keeps_the_suppression(client, lead, data, today):
    client.force_login(lead)
    response = client.get("/insights/export.csv", _period(today), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "zu wenige Fälle" in text
    assert '"75.0"' in text or '"75"' in text
    assert AccessLogEntry.objects.filter(action="export", object_type="insights").count() == 1


def test_xlsx_export(client, lead, data, today):
    client.force_login(lead)
    response = client.get("/insights/export.xlsx", _period(today))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert len(values) > 20
    assert any(row[2] == 75.0 for row in values)


def test_pdf_report(client, lead, data, today):
    client.force_login(lead)
    response = client.get("/insights/export.pdf", _period(today))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
