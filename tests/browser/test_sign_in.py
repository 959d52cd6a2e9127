"""Sign-in in a real Chromium: keyboard only, German first, then English."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_with_the_keyboard_and_switch_language(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto("/")
    assert page.locator("h1").inner_text() == "Anmelden"
    page.keyboard.press("Tab")  # skip link first
    page.get_by_label("Benutzername").fill("anna")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_label("Passwort").press("Enter")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "nicht korrekt" in summary.inner_text()
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/")
    assert "Willkommen, Anna Keller" in page.locator("h1").inner_text()
    assert page.get_by_role("navigation", name="Hauptnavigation").is_visible()
    page.get_by_role("button", name="English").click()
    assert "Welcome, Anna Keller" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Sign out").click()
    assert page.locator("h1").inner_text() == "Sign in"
