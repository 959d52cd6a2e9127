"""The language: kept on the account when chosen, else the browser's; the API follows Accept-Language."""

import re
import uuid

import pytest

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', response.content.decode())
    assert match
    return match.group(1)


def test_without_a_choice_the_browser_decides(client, alice):
    client.force_login(alice)
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CH,fr;q=0.9")) == "fr"
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="de-CH")) == "de"


def test_a_chosen_language_is_kept_on_the_account_and_wins_over_the_browser(client, alice):
    client.force_login(alice)
    response = client.post("/i18n/setlang/", {"language": "it", "next": "/"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "it"
    client.cookies.clear()  # another browser, the same account
    client.force_login(alice)
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="de-CH")) == "it"


def test_an_unknown_language_changes_nothing(client, alice):
    client.force_login(alice)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    alice.refresh_from_db()
    assert alice.language == ""


def test_the_api_answers_in_the_language_the_request_asks_for(client, alice):
    alice.language = "en"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    missing = f"/api/v1/cases/{uuid.uuid4()}/"
    assert client.get(missing, HTTP_ACCEPT_LANGUAGE="de").json()["detail"] == "Diesen Fall gibt es nicht."
    assert client.get(missing).json()["detail"] == "No such case."


def test_page_titles_name_the_page_then_the_product(client, alice):
    client.force_login(alice)
    title = re.search(r"<title>(.*?)</title>", client.get("/cases/").content.decode(), re.S).group(1)
    assert title.endswith(" · Reintegra") and title.split(" · ")[0].strip()
