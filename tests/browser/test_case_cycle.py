"""The case cycle in a real Chromium: sign in → new BEM case → intake → consent → complete intake → timeline."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def test_new_bem_case_through_intake(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(page, "anna")
    page.get_by_role("link", name="Fälle").click()
    page.get_by_role("link", name="Neuer Fall").click()
    page.get_by_label("Falltyp").select_option(
        label="BEM – Betriebliches Eingliederungsmanagement (§ 167 Abs. 2 SGB IX)"
    )
    page.get_by_label("Vorname der Klientin / des Klienten").fill("Lea")
    page.get_by_label("Nachname der Klientin / des Klienten").fill("Schäfer")
    page.get_by_label("Geburtsdatum").fill("3.11.1980")
    page.get_by_role("button", name="Fall eröffnen").click()
    assert page.locator("h1").inner_text() == "Lea Schäfer"
    reference = page.locator(".case-header .hint").inner_text()
    assert "BEM-" in reference

    # Intake, with the information text shown.
    page.get_by_role("link", name="Aufnahme erfassen").first.click()
    assert "freiwillig" in page.locator("details").inner_text()
    page.get_by_role("button", name="Aufnahme speichern").click()
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("ja").check()
    page.get_by_label("aufgenommen", exact=True).check()
    page.get_by_label("Begründung des Entscheids").fill("Mehr als 42 Tage Arbeitsunfähigkeit")
    page.get_by_label("Die Klientin / der Klient wurde über Ablauf").check()
    page.get_by_label("Eine Vereinbarung zur Zusammenarbeit").check()
    page.get_by_role("button", name="Aufnahme speichern").click()
    assert "Die Aufnahme wurde gespeichert." in page.locator(".messages").inner_text()

    # Record the consent to data collection inline (htmx).
    page.get_by_role("link", name="Einverständnis erfassen").click()
    page.get_by_label("Zweck").select_option("data_collection")
    page.get_by_label("mündlich").check()
    page.get_by_label("Erteilt am").fill("2.11.2026")
    page.get_by_role("button", name="Speichern").click()
    consent_line = page.locator("section[aria-labelledby=consents-title] p", has_text="Datenerhebung")
    consent_line.wait_for()
    assert "aktiv" in consent_line.inner_text()

    # Complete the intake phase: nothing is missing any more.
    intake = page.locator("#phase-intake")
    assert "Alle Pflichtangaben sind vorhanden." in intake.inner_text()
    intake.get_by_role("button", name="Phase abschliessen").click()
    assert "erledigt" in page.locator(".phase-ribbon li").first.inner_text()

    timeline = page.locator(".timeline").inner_text()
    assert "Phase «Aufnahme» abgeschlossen" in timeline
    assert "Einverständnis erfasst: Datenerhebung" in timeline
    assert "Aufnahmeentscheid: aufgenommen" in timeline
