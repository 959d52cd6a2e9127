"""In a real Chromium: the admin creates a communication rule in the playbook and sees it listed."""

import pytest
from django.core.management import call_command

from reintegra.introduce.models import CommunicationRule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_creates_a_communication_rule_and_sees_it_in_the_playbook(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = CommunicationRule.objects.count()
    page.goto("/introduce/")
    page.get_by_label("Benutzername").fill("admin")
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/introduce/")
    assert page.locator("h1").inner_text() == "Einführung von Case Management"
    assert page.locator("progress").count() == 4  # one per 4-D stage of the demo project

    page.get_by_role("navigation", name="Einführung von Case Management").get_by_role("link", name="Spielbuch").click()
    page.get_by_role("link", name="Kommunikationsregel hinzufügen").click()

    # First without a template: the error summary names the field, the other values stay.
    page.get_by_label("wenn").select_option("case_closed")
    page.get_by_label("informieren").select_option("employer_contact")
    page.get_by_label("über").select_option("email")
    page.get_by_role("button", name="Speichern").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Vorlage" in summary.inner_text()
    assert page.get_by_label("wenn").input_value() == "case_closed"

    page.get_by_label("Vorlage").select_option(label="Mitteilung: Fall aufgenommen")
    page.get_by_label("Notiz").fill("Arbeitgeber über den Abschluss informieren")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/introduce/playbook/#rules")

    row = page.locator("#rules tr", has_text="Fall abgeschlossen")
    assert row.count() == 1
    text = row.inner_text()
    assert "Arbeitgeber" in text and "E-Mail" in text and "share_with_employer" in text
    assert CommunicationRule.objects.count() == before + 1
