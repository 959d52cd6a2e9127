"""The data-protection page in a real Chromium: hold a due case, release it, erase it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from reintegra.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_holds_releases_and_erases(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.filter(organisation__memberships__user__username="dora").order_by("reference").first()
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_on=timezone.localdate() - datetime.timedelta(days=1200)
    )
    page.goto("/")
    page.get_by_label("Benutzername").fill("dora")
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Datenschutz").click()
    page.wait_for_url("**/data-protection/")
    assert page.locator("h1").inner_text() == "Datenschutz"
    due = page.locator("section", has=page.get_by_role("heading", name="Zur Löschung fällig"))
    assert case.reference in due.inner_text()

    page.locator("#id_hold-reference").fill(case.reference)
    page.locator("#id_hold-reason").fill("Gerichtsverfahren hängig")
    page.get_by_role("button", name="Löschsperre setzen").click()
    page.wait_for_url("**/data-protection/")
    assert "Kein Fall ist zur Löschung fällig." in due.inner_text()
    holds = page.locator("section", has=page.get_by_role("heading", name="Löschsperren"))
    assert "Gerichtsverfahren hängig" in holds.inner_text()

    page.get_by_role("button", name="Sperre aufheben").click()
    page.wait_for_url("**/data-protection/")
    page.get_by_role("button", name="Diese Fälle jetzt löschen").click()
    page.wait_for_url("**/data-protection/")
    log = page.locator("section", has=page.get_by_role("heading", name="Löschprotokoll"))
    assert case.reference in log.inner_text()
    assert not Case.objects.filter(pk=case.pk).exists()
