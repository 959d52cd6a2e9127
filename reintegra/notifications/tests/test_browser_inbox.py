"""The inbox in a real Chromium: reach it from the navigation, mark one and then all as read (htmx)."""

import re

import pytest
from playwright.sync_api import expect

from reintegra.accounts.models import Role
from reintegra.accounts.tests.factories import OrganisationFactory, UnitFactory, UserFactory, member
from reintegra.notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mark_notifications_as_read_with_the_keyboard(page):
    organisation = OrganisationFactory(name="Browser AG")
    person = member(
        UserFactory(username="nina", first_name="Nina", last_name="Frei", organisation=organisation),
        Role.CASE_MANAGER,
        UnitFactory(organisation=organisation),
    )
    for index in range(3):
        notify(
            recipients=[person],
            kind="note",
            subject=f"Mitteilung {index}",
            body="Bitte prüfen.",
            channels=("in_app",),
            dedupe_key=f"browser:{index}",
        )
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("nina")
    page.get_by_label("Passwort").fill("correct-horse-battery")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Posteingang").click()
    assert page.locator("h1").inner_text() == "Posteingang"
    status = page.get_by_role("status")
    assert status.inner_text() == "Sie haben 3 ungelesene Benachrichtigungen."
    assert page.locator(".inbox-item--unread").count() == 3

    page.get_by_role("button", name=re.compile(r"^Als gelesen markieren\W+Mitteilung 1$")).focus()
    page.keyboard.press("Enter")
    page.locator("#inbox-status", has_text="Sie haben 2 ungelesene Benachrichtigungen.").wait_for()
    expect(page.locator(".inbox-item--unread")).to_have_count(2)  # htmx settles classes a moment later
    assert page.url.endswith("/inbox/")  # swapped in place by htmx, no reload

    page.get_by_role("button", name="Alle als gelesen markieren").click()
    page.locator("#inbox-status", has_text="Sie haben 0 ungelesene Benachrichtigungen.").wait_for()
    expect(page.locator(".inbox-item--unread")).to_have_count(0)
    expect(page.get_by_text("Ungelesen", exact=True)).to_have_count(0)
