"""The monitoring list in a real Chromium: reached from the navigation, filtered with the keyboard only."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_monitoring_list_with_the_keyboard(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("anna")
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Monitoring").click()
    assert page.locator("h1").inner_text() == "Monitoring"
    overdue = page.locator("section[aria-labelledby=group-overdue]")
    assert "Ergonomische Arbeitsplatzabklärung" in overdue.inner_text()
    assert "überfällig" in overdue.inner_text()

    # Only reviews: choose with the keyboard, send with Enter on the focused button.
    page.get_by_label("Was").focus()
    page.get_by_label("Was").select_option("review")
    page.get_by_role("button", name="Filtern").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=review**")
    items = page.locator("#monitoring-items")
    items.get_by_text("Überprüfung des Plans").first.wait_for()  # the team demo has several
    assert "Ergonomische Arbeitsplatzabklärung" not in items.inner_text()

    # The item leads to the page where it is handled.
    items.get_by_role("link", name="Überprüfung des Plans").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/reviews/", timeout=30_000)  # slow on a loaded CI machine
