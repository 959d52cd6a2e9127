"""Keyboard only: sign in, open a new case, record its intake — no mouse after the first page load.

After `page.goto` of the sign-in page, the test only presses and types keys (Tab, Enter, Space,
arrows, letters); it reads the page to know where the focus is. Every element the focus lands on
must show it (an outline or a ring: WCAG 2.4.7), and the skip link must lead to the main content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    id: e.id, tag: e.tagName.toLowerCase(), name: e.getAttribute("name") || "", type: e.type || "",
    value: e.value === undefined ? "" : String(e.value), checked: !!e.checked,
    text: (e.innerText || "").trim().slice(0, 80), href: e.getAttribute("href") || "",
    visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
  };
}"""


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(FOCUSED)


def tab_to(page: Any, wanted: Callable[[dict[str, Any]], bool], what: str, limit: int = 150) -> dict[str, Any]:
    """Press Tab until the focus is on what `wanted` accepts; every stop must show the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["visible"], f"the focus is not visible on {now}"
        if wanted(now):
            return now
    raise AssertionError(f"{what}: not reached with {limit} presses of Tab")


def by_id(element_id: str) -> Callable[[dict[str, Any]], bool]:
    return lambda f: f["id"] == element_id


def enter_and_wait(page: Any, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def test_sign_in_create_a_case_and_record_the_intake_with_the_keyboard(page: Any, alice: Any) -> None:
    from reintegra.cases.models import Case

    page.goto("/accounts/login/")

    # The sign-in page puts the focus on the user name.
    assert focused(page)["id"] == "id_username"
    page.keyboard.type("alice")
    tab_to(page, by_id("id_password"), "password", limit=3)
    page.keyboard.type("correct-horse-battery")
    enter_and_wait(page)
    assert "Willkommen" in page.locator("h1").inner_text()

    tab_to(page, lambda f: f["tag"] == "a" and f["href"] == "/cases/", "cases in the main navigation")
    enter_and_wait(page)
    tab_to(page, lambda f: f["tag"] == "a" and f["href"] == "/cases/new/", "new case")
    enter_and_wait(page)

    # The skip link comes first and moves the focus to the main content, past the navigation.
    skip = tab_to(page, lambda f: f["href"] == "#main", "skip link", limit=1)
    assert skip["text"] == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    tab_to(page, by_id("id_case_type"), "case type")
    page.keyboard.type("BEM")
    assert page.evaluate("document.activeElement.selectedOptions[0].text").startswith("BEM")
    tab_to(page, by_id("id_first_name"), "first name")
    page.keyboard.type("Lea")
    tab_to(page, by_id("id_last_name"), "last name")
    page.keyboard.type("Schäfer")
    tab_to(page, by_id("id_birth_date"), "date of birth")
    page.keyboard.type("3.11.1980")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Fall eröffnen", "open case")
    enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Lea Schäfer"

    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Aufnahme erfassen", "record intake")
    enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Aufnahme"

    # Radio groups: Tab enters the group, the arrows choose, Space checks the first one.
    criteria = tab_to(page, lambda f: f["name"] == "criteria_met", "criteria met")
    assert criteria["value"] == "true"
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, lambda f: f["name"] == "decision", "decision")
    page.keyboard.press("Space")
    decision = focused(page)
    for _ in range(3):
        if decision["value"] == "admitted":
            break
        page.keyboard.press("ArrowDown")
        decision = focused(page)
    assert decision["value"] == "admitted" and decision["checked"]
    tab_to(page, by_id("id_decision_reason"), "reason")
    page.keyboard.type("Mehr als 42 Tage Arbeitsunfähigkeit")
    for checkbox in ("id_client_informed", "id_cooperation_agreed"):
        tab_to(page, by_id(checkbox), checkbox)
        page.keyboard.press("Space")
        assert focused(page)["checked"]
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Aufnahme speichern", "save intake")
    enter_and_wait(page)
    assert "Die Aufnahme wurde gespeichert." in page.locator(".messages").inner_text()

    case = Case.objects.select_related("intake").get(client__last_name="Schäfer")
    assert case.intake.decision == "admitted"
    assert case.intake.client_informed and case.intake.cooperation_agreed
