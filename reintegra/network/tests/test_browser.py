"""The directory in a real Chromium: search by typing (htmx), open a provider."""

import re

import pytest

from reintegra.accounts import demo as accounts_demo
from reintegra.network import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_a_provider_by_typing_and_open_it(page):
    accounts_demo.load()
    demo.load()
    page.goto("/providers/")
    page.get_by_label("Benutzername").fill("anna")
    page.get_by_label("Passwort").fill("reintegra-demo")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url("**/providers/")
    assert page.locator("h1").inner_text() == "Anbieter"
    results = page.locator("#provider-results")
    assert results.get_by_role("link", name="ErgoPlus Arbeitsplatzberatung GmbH").is_visible()
    page.get_by_role("searchbox", name="Suchen").press_sequentially("schulden", delay=30)
    # htmx swaps the results in place and pushes the search into the address.
    page.wait_for_url(re.compile(r"/providers/\?q=schulden"))
    results.get_by_role("link", name="ErgoPlus Arbeitsplatzberatung GmbH").wait_for(state="detached")
    assert "gefunden" in page.locator("#provider-count").inner_text()
    results.get_by_role("link", name="Fachstelle Schuldenberatung Dreiland").click()
    page.wait_for_url(re.compile(r"/providers/[0-9a-f-]{36}/$"))
    assert page.locator("h1").inner_text() == "Fachstelle Schuldenberatung Dreiland"
    assert page.get_by_role("heading", name="Angebote").is_visible()
    assert page.get_by_role("heading", name="Budgetberatung").is_visible()
