"""Continuing a case in Chromium: assessment from both perspectives → network map → three goals →
measures → the client's agreement → the plan PDF. Keyboard and mouse as a case manager would."""

import html
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reintegra.cases.models import Case
from tests.browser.test_case_cycle import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _in(days: int) -> str:
    """A due date after the demo case was opened (a goal may not be due before that)."""
    day = date.today() + timedelta(days=days)
    return f"{day.day}.{day.month}.{day.year}"


GOALS = [
    ("Zurück ins Büro zu 50 %", _in(40)),
    ("Rückenschmerzen im Alltag bewältigen", _in(80)),
    ("Ergonomischer Arbeitsplatz", _in(20)),
]


def add_goal(page, title, due):
    page.get_by_role("link", name="Ziel hinzufügen").click()
    form = page.locator("#goal-form-card")
    form.wait_for()
    form.get_by_label("Ziel", exact=True).fill(title)
    form.get_by_label("kurzfristig").check()
    form.get_by_label("1 – hoch").check()
    form.get_by_label("Fällig am").fill(due)
    form.get_by_label("Messbares Kriterium").fill("Wöchentliche Rückmeldung der Vorgesetzten")
    for label, text in [
        ("+2: viel besser als erwartet", "Volles Pensum"),
        ("+1: etwas besser als erwartet", "70 %"),
        ("0: erwartetes Ergebnis", "50 %"),
        ("−1: etwas schlechter als erwartet", "20 %"),
        ("−2: viel schlechter als erwartet", "Arbeitsunfähig"),
    ]:
        form.get_by_label(label).fill(text)
    form.get_by_role("button", name="Ziel speichern").click()
    page.locator("section[aria-labelledby=goals-title]", has_text=title).wait_for()


def test_assessment_network_goals_measures_agreement_pdf(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.get(client__first_name="Marco", client__last_name="Bernasconi")
    sign_in(page, "ben")
    page.goto(case.get_absolute_url())

    # Assessment: one problem and one resource, each rated from both perspectives.
    page.get_by_role("link", name="Assessments").first.click()
    page.get_by_role("link", name="Neues Assessment").click()
    page.get_by_label("Datum des Assessments").fill("20.11.2026")
    rows = [
        ("work", "problem", "Kann nicht lange sitzen", "3", "1"),
        ("social", "resource", "Unterstützende Familie", "3", "4"),
    ]
    for index, (domain, kind, text, professional, client) in enumerate(rows):
        page.locator(f"#id_items-{index}-domain").select_option(domain)
        page.locator(f"#id_items-{index}-kind").select_option(kind)
        page.locator(f"#id_items-{index}-text").fill(text)
        page.locator(f"#id_items-{index}-professional_rating").select_option(professional)
        page.locator(f"#id_items-{index}-client_rating").select_option(client)
    page.get_by_role("button", name="Assessment speichern").click()
    # The two perspectives side by side; the problem differs by 2 levels and is marked with text too.
    page.get_by_text("Kann nicht lange sitzen").wait_for()
    assert "Abweichung" in page.content()

    # Network map: two persons.
    page.goto(f"/cases/{case.pk}/network/")
    for index, (name, sector, closeness, tie) in enumerate(
        [("Giulia Bernasconi", "family", "1", "strong"), ("Chef Rüegg", "work", "2", "stressful")]
    ):
        page.locator(f"#id_nodes-{index}-name").fill(name)
        page.locator(f"#id_nodes-{index}-sector").select_option(sector)
        page.locator(f"#id_nodes-{index}-closeness").select_option(closeness)
        page.locator(f"#id_nodes-{index}-tie").select_option(tie)
    page.get_by_role("button", name="Netzwerkkarte speichern").click()
    page.locator("img[src$='network.svg'], svg").first.wait_for()
    svg = page.request.get(f"/cases/{case.pk}/network.svg")
    # The SVG writes non-ASCII letters as character references (core/svg.py); read it as XML does.
    assert "Chef Rüegg" in html.unescape(svg.text())

    # The assessment phase is complete now.
    page.goto(case.get_absolute_url())
    assert "Alle Pflichtangaben sind vorhanden." in page.locator("#phase-assessment").inner_text()

    # Three goals, measures, the agreement.
    page.goto(f"/cases/{case.pk}/plan/")
    for title, due in GOALS:
        add_goal(page, title, due)
    for title, goal_title in [("Arbeitsversuch", GOALS[0][0]), ("Ergonomie-Beratung", GOALS[2][0])]:
        page.get_by_role("link", name="Massnahme hinzufügen").click()
        form = page.locator("#measure-form-card")
        form.wait_for()
        form.get_by_label("Massnahme", exact=True).fill(title)
        form.get_by_label(goal_title).check()
        form.get_by_label("Verantwortlich").select_option("case_manager")
        form.get_by_label("Fällig am").fill("31.12.2026")
        form.get_by_role("button", name="Massnahme speichern").click()
        page.locator("section[aria-labelledby=measures-title]", has_text=title).wait_for()
    page.get_by_role("link", name="Vereinbarung erfassen").click()
    form = page.locator("#agree-form-card")
    form.wait_for()
    form.get_by_label("schriftlich").check()
    form.get_by_role("button", name="Vereinbarung erfassen").click()
    page.locator(".plan-state").filter(has_text="Version 1").wait_for()

    # The planning phase is complete, and the PDF holds the client and the goals.
    page.goto(case.get_absolute_url())
    assert "Alle Pflichtangaben sind vorhanden." in page.locator("#phase-planning").inner_text()
    page.goto(f"/cases/{case.pk}/plan/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Plan herunterladen (PDF)").click(modifiers=["Alt"])
    path = download_info.value.path()
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Marco Bernasconi" in text
    for title, _due in GOALS:
        assert title in text
