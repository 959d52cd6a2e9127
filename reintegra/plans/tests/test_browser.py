"""The plan in a real Chromium: add a goal and a measure inline, agree, see the draft marker go."""

import pytest
from django.core.management import call_command

from reintegra.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def test_plan_with_goal_measure_and_agreement(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.get(client__first_name="Aylin", client__last_name="Demir")
    sign_in(page, "anna")
    page.goto(f"/cases/{case.pk}/plan/")
    assert page.locator("h1").inner_text() == "Ziele und Massnahmen"
    assert "noch nicht" in page.locator(".plan-state").inner_text()

    # Add a goal; the form opens inline (htmx) and shows the GAS hint.
    page.get_by_role("link", name="Ziel hinzufügen").click()
    form = page.locator("#goal-form-card")
    form.wait_for()
    assert "−2 ist oft die heutige Situation" in form.inner_text()
    form.get_by_role("button", name="Ziel speichern").click()
    summary = page.locator("#goal-form-card .error-summary")
    summary.wait_for()
    assert "Messbares Kriterium" in summary.inner_text()
    form = page.locator("#goal-form-card")
    form.get_by_label("Ziel", exact=True).fill("Zurück ins Büro zu 50 %")
    form.get_by_label("kurzfristig").check()
    form.get_by_label("1 – hoch").check()
    form.get_by_label("Fällig am").fill("15.12.2026")
    form.get_by_label("Messbares Kriterium").fill("Drei Tage pro Woche je vier Stunden")
    form.get_by_label("+2: viel besser als erwartet").fill("Volles Pensum")
    form.get_by_label("+1: etwas besser als erwartet").fill("70 %")
    form.get_by_label("0: erwartetes Ergebnis").fill("50 %")
    form.get_by_label("−1: etwas schlechter als erwartet").fill("20 %")
    form.get_by_label("−2: viel schlechter als erwartet").press_sequentially("Arbeitsunfähig")
    form.get_by_label("−2: viel schlechter als erwartet").press("Tab")
    page.keyboard.press("Enter")  # the focused save button, keyboard only
    page.locator("#goals-title + article").wait_for()
    assert "Zurück ins Büro zu 50 %" in page.locator("section[aria-labelledby=goals-title]").inner_text()
    assert "Volles Pensum" in page.locator(".gas-table").inner_text()

    # Add a measure that serves the goal.
    page.get_by_role("link", name="Massnahme hinzufügen").click()
    form = page.locator("#measure-form-card")
    form.wait_for()
    form.get_by_label("Massnahme", exact=True).fill("Arbeitsversuch")
    form.get_by_label("Zurück ins Büro zu 50 %").check()
    form.get_by_label("Verantwortlich").select_option("client")
    form.get_by_label("Fällig am").fill("31.12.2026")
    form.get_by_label("Geplante Kosten (CHF)").fill("1'200")
    form.get_by_role("button", name="Massnahme speichern").click()
    page.locator("#measures-title + .table-scroll").wait_for()
    row = page.locator("section[aria-labelledby=measures-title] tbody tr").first
    assert "Arbeitsversuch" in row.inner_text() and "Entwurf" in row.inner_text()

    # Record the agreement: the draft markers disappear.
    page.get_by_role("link", name="Vereinbarung erfassen").click()
    form = page.locator("#agree-form-card")
    form.wait_for()
    form.get_by_label("schriftlich").check()
    form.get_by_role("button", name="Vereinbarung erfassen").click()
    page.locator(".plan-state").filter(has_text="Version 1").wait_for()
    assert page.locator(".tag--draft").count() == 0
    assert page.locator("svg[role=img] title").first.text_content() == "Zeitplan des Plans"
    assert page.get_by_role("link", name="Plan herunterladen (PDF)").is_visible()
