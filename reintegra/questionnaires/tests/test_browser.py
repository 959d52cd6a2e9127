"""Filling in the Work Ability Index in a real Chromium, with the keyboard where it matters."""

import pytest
from django.core.management import call_command

from reintegra.cases.models import Case
from reintegra.questionnaires.models import Response
from reintegra.questionnaires.tests.conftest import ship_questionnaires

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def choose(page, question_start, answer):
    page.locator("fieldset", has_text=question_start).get_by_label(answer, exact=True).check()


def test_fill_in_the_wai_and_read_the_result(page):
    ship_questionnaires()  # a flush by an earlier transactional test removes migration data
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.get(client__last_name="Müller", case_manager__username="anna")
    sign_in(page, "anna")
    page.goto(f"/questionnaires/cases/{case.pk}/")
    assert page.locator("h1").inner_text().startswith("Frageb")  # cases' catalogue says "Fragebogen"
    page.get_by_role("link", name="Work Ability Index (WAI)").click()

    # Saving with nothing answered: the error summary gets the focus and links to the first radio.
    page.get_by_role("button", name="Antworten speichern").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Beantworten Sie diese Frage." in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_item_wai_job_demands_0"

    choose(page, "Wie ist Ihre Arbeit", "Vorwiegend geistige Arbeit")
    # Question 1 with the keyboard: focus 7, arrow right selects 8.
    page.locator("#id_item_wai_q1_7").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert page.locator("#id_item_wai_q1_8").is_checked()
    choose(page, "2a.", "eher gut")
    choose(page, "2b.", "mittel")
    choose(page, "3. Wie viele", "keine")
    choose(page, "4. Wie stark", "Gar nicht, oder ich habe keine Krankheit")
    choose(page, "5. An wie vielen", "an keinem Tag")
    choose(page, "6. Glauben Sie", "ziemlich sicher")
    for question in ("7a.", "7b.", "7c."):
        choose(page, question, "häufig")
    page.get_by_role("button", name="Antworten speichern").focus()
    page.keyboard.press("Enter")

    # 8 + (4 × 0.5 + 3 × 1.5) + 7 + 6 + 5 + 7 + 4 = 43.5: good work ability.
    page.wait_for_url("**/responses/**")
    result = page.locator("section[aria-labelledby=result-title]").inner_text()
    assert "43,5" in result
    assert "Gute Arbeitsfähigkeit" in result
    assert "Arbeitsfähigkeit unterstützen" in result
    assert Response.objects.filter(case=case, score=43.5).exists()
