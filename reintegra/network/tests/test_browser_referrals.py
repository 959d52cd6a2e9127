"""The referrals page in a real Chromium, by keyboard: propose a referral, cancel it with confirmation."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_propose_and_cancel_by_keyboard(page, alice, case, ref_provider):
    alice.set_password("referral-test-pw")
    alice.save()
    page.goto(f"/providers/cases/{case['id']}/referrals/")
    page.get_by_label("Benutzername").fill("alice")
    page.get_by_label("Passwort").fill("referral-test-pw")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url(re.compile(r"/referrals/$"))
    assert page.get_by_text("Noch keine Zuweisungen.").is_visible()
    # Submitting without a provider shows the GOV.UK error summary, focused.
    page.get_by_role("button", name="Zuweisung vorschlagen").click()
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Anbieter").select_option(label="JobBrücke Coaching (Basel-Stadt)")
    page.get_by_label("Notiz", exact=False).first.focus()
    page.keyboard.type("Bitte um Erstgespräch")
    page.get_by_role("button", name="Zuweisung vorschlagen").press("Enter")
    page.wait_for_url(re.compile(r"/referrals/$"))
    assert page.get_by_role("heading", name=re.compile("JobBrücke Coaching")).is_visible()
    assert page.get_by_role("button", name="Als gesendet markieren").is_visible()
    page.get_by_role("link", name="Zuweisung abbrechen").press("Enter")
    page.wait_for_url(re.compile(r"/cancel/$"))
    page.get_by_role("button", name="Ja, Zuweisung abbrechen").press("Enter")
    page.wait_for_url(re.compile(r"/referrals/$"))
    assert page.locator("[data-status=cancelled]").is_visible()
    assert page.get_by_role("button", name="Als gesendet markieren").count() == 0
