"""The access-log page in a real Chromium, with the keyboard only."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_filters_the_log_with_the_keyboard(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto("/")
    page.get_by_label("Benutzername").fill("dora")
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/")
    link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Zugriffsprotokoll")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/access-log/")
    assert page.locator("h1").inner_text() == "Zugriffsprotokoll"
    page.get_by_label("Aktion").focus()
    page.get_by_label("Aktion").select_option("read")
    page.get_by_label("Von").fill("1.1.2020")
    page.get_by_label("Von").press("Enter")
    page.wait_for_url("**/access-log/?*action=read*")
    # Dora's own first reading of the log is now an entry; reload to see it.
    page.reload()
    table = page.get_by_role("region", name="Neueste Einträge zuerst")
    assert table.is_visible()
    assert "Zugriffsprotokoll" in table.inner_text()  # the object type as a word, not its key
    assert (
        page.get_by_role("link", name="Als CSV herunterladen")
        .get_attribute("href")
        .startswith("/access-log/export.csv?")
    )
    page.get_by_label("Von").fill("31.2.2020")
    page.get_by_label("Von").press("Enter")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "gültiges Datum" in summary.inner_text()
