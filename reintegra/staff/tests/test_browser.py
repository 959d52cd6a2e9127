"""Staff administration in a real Chromium: the admin invites a case manager, the e-mail's link sets
the password, the new case manager signs in."""

import re

import pytest
from django.core import mail

from reintegra.accounts.demo import load as load_demo_accounts
from reintegra.accounts.models import Membership, Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username, password):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def test_admin_invites_a_case_manager_who_sets_a_password_and_signs_in(page, browser, live_server):
    load_demo_accounts()
    sign_in(page, "admin", "reintegra-demo")
    page.get_by_role("link", name="Mitarbeitende").first.click()
    page.wait_for_url("**/staff/")
    assert "anna" in page.locator("main").inner_text() and "emil" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Person einladen").click()
    page.get_by_label("Vorname").fill("Erika")
    page.get_by_label("Nachname").fill("Muster")
    page.get_by_label("E-Mail-Adresse").fill("erika@example.ch")
    page.get_by_label("Benutzername").fill("erika")
    page.get_by_label("Case Manager:in – Basel").check()
    page.get_by_role("button", name="Einladung senden").click()
    page.get_by_role("status").filter(has_text="ist eingeladen").wait_for()
    assert "/staff/invitation/" not in page.content()  # the link goes only to the invitee
    erika = User.objects.get(username="erika")
    assert not erika.is_active
    assert Membership.objects.filter(user=erika, role=Role.CASE_MANAGER, unit__name="Basel").exists()
    match = re.search(r"(?:https?://[^/\s]+)?(/staff/invitation/[^/\s]+/)", mail.outbox[-1].body)
    assert match and mail.outbox[-1].to == ["erika@example.ch"]

    context = browser.new_context(base_url=live_server.url, locale="de-CH")
    context.set_default_timeout(15_000)
    other = context.new_page()
    try:
        other.goto(match.group(1))
        assert other.locator("h1").inner_text() == "Wählen Sie Ihr Passwort"
        other.get_by_label("Passwort", exact=True).fill("kurz")
        other.get_by_label("Passwort wiederholen").fill("kurz")
        other.get_by_role("button", name="Passwort setzen").click()
        assert other.locator(".error-summary").is_visible()
        other.get_by_label("Passwort", exact=True).fill("Ein neuer Anfang im Team")
        other.get_by_label("Passwort wiederholen").fill("Ein neuer Anfang im Team")
        other.get_by_role("button", name="Passwort setzen").click()
        other.wait_for_url("**/accounts/login/")
        sign_in(other, "erika", "Ein neuer Anfang im Team")
        assert "Fälle" in other.locator("nav").inner_text()
        # The link worked once.
        other.goto(match.group(1))
        assert other.locator("h1").inner_text() == "Dieser Link funktioniert nicht mehr"
    finally:
        context.close()
