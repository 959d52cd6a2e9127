"""In Chromium: an admin adds a playbook rule; a case manager admits a demo case; the rule fires once."""

import pytest
from django.core.management import call_command

from reintegra.cases.models import Case
from reintegra.notifications.models import Notification
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url("**/accounts/login/")


def test_a_new_rule_fires_on_a_demo_case(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.get(client__first_name="Aylin", client__last_name="Demir")

    sign_in(page, "admin")
    page.goto("/introduce/playbook/")
    page.get_by_role("link", name="Kommunikationsregel hinzufügen").click()
    page.get_by_label("wenn").select_option("case_admitted")
    page.get_by_label("informieren").select_option("case_manager")
    page.get_by_label("über").select_option("in_app")
    page.get_by_label("Vorlage").select_option(label="Mitteilung: Fall aufgenommen")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/introduce/playbook/#rules")
    assert page.locator("#rules tr", has_text="Fall aufgenommen").filter(has_text="Case Manager").count() >= 1
    sign_out(page)

    sign_in(page, "anna")
    page.goto(f"/cases/{case.pk}/intake/")
    page.get_by_label("ja").check()
    page.get_by_label("aufgenommen", exact=True).check()
    page.get_by_label("Begründung des Entscheids").fill("30 Tage Arbeitsunfähigkeit")
    page.get_by_label("Die Klientin / der Klient wurde über Ablauf").check()
    page.get_by_label("Eine Vereinbarung zur Zusammenarbeit").check()
    page.get_by_role("button", name="Aufnahme speichern").click()
    page.locator(".messages").wait_for()

    # The new rule informed Anna in her inbox (the demo's team-lead rule informed Carla).
    page.get_by_role("link", name="Posteingang").click()
    assert case.reference in page.locator("main").inner_text()
    assert Notification.objects.filter(recipient__username="anna", case=case, kind="playbook_rule").count() == 1
    assert Notification.objects.filter(recipient__username="carla", case=case, kind="playbook_rule").count() == 1
    # Saving the intake again is a new timeline entry but no new admission decision: nothing fires twice.
    page.goto(f"/cases/{case.pk}/intake/")
    page.get_by_role("button", name="Aufnahme speichern").click()
    page.locator(".messages").wait_for()
    assert Notification.objects.filter(recipient__username="anna", case=case, kind="playbook_rule").count() == 1
