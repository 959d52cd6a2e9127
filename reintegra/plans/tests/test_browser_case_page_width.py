"""At 1,280 px the measures table shows Status and "Bearbeiten"; the case page is calm (#15 item 5).

Chromium (Playwright) at a 1,280 px wide window: every column of the measures table lies inside
the window, amounts read CHF 1'350.50; on the case page a phase not started is one line and the
reason box for completing a phase with items missing opens only when asked for.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.cases.models import Participant
from reintegra.network.models import Provider
from reintegra.plans.models import Measure
from tests.support.cases import case_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1280
CATEGORY = "ergonomics"
LONG = "Arbeitsversuch mit ergonomischer Abklärung des Arbeitsplatzes und schrittweiser Steigerung des Pensums"


def sign_in(page, username):
    """alice comes from tests.support.people with the factory's password."""
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("correct-horse-battery")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/")


def test_measures_table_fits_1280_px_and_the_case_page_is_calm(page, alice):
    today = timezone.localdate()
    case = case_for(alice)
    provider = Provider.objects.create(
        organisation=alice.organisation,
        name="Ergonomie- und Arbeitsplatzberatungszentrum Nordwestschweiz",
        category=CATEGORY,
    )
    physician = Participant.objects.create(case=case, role="physician", name="Dr. med. Annemarie Beispiel-Hinterberger")
    for n in range(3):
        Measure.objects.create(
            case=case,
            title=f"{LONG} ({n + 1})",
            responsible_kind="participant",
            responsible_participant=physician,
            provider=provider,
            start_date=today,
            due_date=today + timedelta(days=30 + n),
            planned_cost=Decimal("1350.50"),
            actual_cost=Decimal("1200.00"),
            cost_bearer="iv",
            status="active",
            resource_person="Frau Dr. Beispiel-Langername, Arbeitsmedizin",
        )
    page.set_viewport_size({"width": WIDTH, "height": 900})
    sign_in(page, "alice")

    page.goto(f"/cases/{case.pk}/plan/")
    table = page.locator("table.measures-table")
    table.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # The table fits its box: no sideways scrolling to reach Status and "Bearbeiten".
    wrapper = page.locator("#measures-title ~ .table-scroll")
    assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth"), wrapper.evaluate("el => el.scrollWidth")
    for name in ("Status", "Aktionen"):
        header = table.locator("th", has_text=name).first
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= WIDTH, (name, box)
    for link in table.get_by_role("link", name="Bearbeiten").all():
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None and box["x"] + box["width"] <= WIDTH, box
    status = table.locator("tbody tr").first.locator("td").nth(4)
    assert status.is_visible() and status.inner_text().strip()
    box = status.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTH, box
    assert "1'350.50" in table.inner_text()

    page.goto(f"/cases/{case.pk}/")
    planning = page.locator("#phase-planning")
    assert "nicht begonnen" in planning.inner_text()
    assert planning.locator("form, textarea, button").count() == 0
    intake = page.locator("#phase-intake")
    reason = intake.get_by_label("Begründung für den Abschluss ohne die fehlenden Angaben")
    assert not reason.is_visible()
    intake.locator("summary").click()
    assert reason.is_visible()
