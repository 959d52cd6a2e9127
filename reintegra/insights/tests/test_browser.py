"""The insights page in a real Chromium: reached from the navigation by a team lead, filtered,
"zu wenige Fälle" where cells are small, and a screenshot of the whole page (screen and print)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, Evaluation
from reintegra.insights.services import case_figures_rebuild
from reintegra.insights.tests.conftest import open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def _history() -> None:
    """Eight closed BEM cases of Basel over the last half year, so that figures show."""
    anna = User.objects.get(username="anna")
    today = timezone.localdate()
    for index in range(8):
        case = open_case(anna, today - timedelta(days=170 - index * 10), last=f"Verlauf{index}")
        Case.objects.filter(pk=case.pk).update(status="closed", closed_on=today - timedelta(days=100 - index * 9))
        Evaluation.objects.update_or_create(
            case=case, defaults={"outcome": "rtw_full" if index % 3 else "no_rtw", "t_score": 42.0 + index * 3}
        )
    case_figures_rebuild()


def test_insights_page_for_a_team_lead(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _history()
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("carla")
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Auswertungen").click()
    page.wait_for_url("**/insights/")
    assert "Auswertungen" in page.locator("h1").inner_text()
    assert page.locator("svg[role=img]").count() >= 5
    assert page.locator("svg[role=img] title").first.text_content()
    assert "zu wenige Fälle" in page.content()
    rtw = page.locator("section[aria-labelledby=h-rtw]")
    assert "Rückkehr an den Arbeitsplatz" in rtw.inner_text()

    # Filtered by case type with the keyboard.
    page.locator("select[name=case_type]").select_option("bem")
    page.get_by_role("button", name="Anzeigen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**case_type=bem**")
    assert page.locator("section[aria-labelledby=h-durations] table").count() == 1

    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = page.screenshot(path=str(SHOTS / "insights.png"), full_page=True)
    assert len(shot) > 10_000
    page.emulate_media(media="print")
    assert not page.locator(".insights-filter").is_visible()  # filters and exports are not printed
    page.screenshot(path=str(SHOTS / "insights-print.png"), full_page=True)
