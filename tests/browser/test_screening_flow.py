"""Screening in a real Chromium (issue #17), as Anna: import a file with preview → the screening
list → invite → the letter as PDF → record "accepted" → the new case with its periods of incapacity."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from reintegra.cases.models import Case
from reintegra.screening.models import Absence, Invitation
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def export_file() -> bytes:
    """An HR export as Excel writes it in CH: Windows-1252, semicolons, dd.mm.yyyy."""
    today = timezone.localdate()
    start, end = today - timedelta(days=70), today - timedelta(days=15)
    header = "personnel_number;first_name;last_name;birth_date;unit;start;end;kind;percent;work_days_per_week"
    line = f"X-77;Vreni;Zürcher-Test;03.05.1979;Basel;{start:%d.%m.%Y};{end:%d.%m.%Y};Krankheit;100;5"
    return f"{header}\r\n{line}\r\n".encode("cp1252")


def test_import_preview_list_invite_letter_accept(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(page, "anna")

    # Import: the preview first (nothing stored), then the import with its progress bar.
    page.goto("/screening/import/")
    page.locator("input[name=file]").set_input_files(
        {"name": "absenzen.csv", "mimeType": "text/csv", "buffer": export_file()}
    )
    page.locator("form[action='/screening/import/'] button[type=submit]").click()
    page.locator("dl.preview").wait_for()
    assert page.locator("[data-count=new]").inner_text() == "1"
    assert page.locator("[data-count=errors]").inner_text() == "0"
    assert not Absence.objects.filter(employee__personnel_number="X-77").exists()
    page.locator("form[action$='/start/'] button[type=submit]").click()
    page.locator("#import-progress[data-status=done]").wait_for()
    assert page.locator("#import-bar").get_attribute("value") == "100"
    assert Absence.objects.filter(employee__personnel_number="X-77").count() == 1

    # The list, filtered by rule through htmx: the person is there with the reason.
    page.goto("/screening/")
    page.locator("select[name=rule]").select_option("bem")
    expect(page.locator("#screening-hits tr[data-rule=iv-early]")).to_have_count(0)
    row = page.locator("#screening-hits tr", has_text="Zürcher-Test")
    row.wait_for()
    assert "BEM: mehr als 42 Kalendertage" in row.inner_text()  # the rule in words, not its key
    row.get_by_role("link", name="Vreni Zürcher-Test").click()

    # Invite for BEM: the letter is made, with the deadline filled in.
    page.locator("article[data-rule=bem] button[type=submit]").click()
    page.wait_for_url("**/screening/invitations/*/")
    invitation = Invitation.objects.get(employee__personnel_number="X-77")
    deadline = invitation.respond_by
    assert f"{deadline.day}.{deadline.month}.{deadline.year}" in invitation.letter["body"]
    letter_href = page.locator("a[href$='letter.pdf']").get_attribute("href")
    letter = page.request.get(letter_href)
    assert letter.status == 200 and letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")

    # The answer: accepted opens the case, with the absence as a period of incapacity.
    page.locator("input[name=answer][value=accepted]").check()
    page.locator("form[action$='/respond/'] button[type=submit]").click()
    page.wait_for_url("**/cases/*/")
    assert page.locator("h1").inner_text() == "Vreni Zürcher-Test"
    case = Case.objects.get(client__last_name="Zürcher-Test")
    assert case.case_type.key == "bem" and case.incapacity_periods.count() == 1
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.case_id == case.pk
