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


def _library_msgids() -> list[str]:
    """Every text of Django's and DRF's German catalogues (the ones users meet in forms and the API)."""
    import gettext
    from pathlib import Path

    import django
    import rest_framework

    msgids: list[str] = []
    for base in (Path(django.__file__).parent, Path(rest_framework.__file__).parent):
        for mo in base.glob("**/locale/de/LC_MESSAGES/django.mo"):
            with mo.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)
            msgids.extend(key for key in catalog._catalog if isinstance(key, str) and key)  # type: ignore[attr-defined]
    return msgids


def test_library_messages_read_swiss_and_formal_in_german():
    from django.utils import translation

    informal = re.compile(r"\b(du|dein|deine|deinen|dich|dir|Gib|Wähle|Stelle sicher|Lade|Prüfe|Nutze)\b")
    wrong = []
    with translation.override("de"):
        for msgid in _library_msgids():
            text = translation.gettext(msgid)
            if "ß" in text or informal.search(text):
                wrong.append(f"{msgid!r} → {text!r}")
    assert not wrong, "German library texts to override in locale_overrides/de:\n" + "\n".join(sorted(wrong)[:40])


def test_a_german_api_error_is_formal(client, alice):
    client.force_login(alice)
    response = client.post(
        "/api/v1/cases/",
        {"case_type": "bem", "client": {"first_name": "A", "last_name": "B", "email": "kein-mail"}},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 400
    assert response.json()["client"]["email"] == ["Geben Sie eine gültige E-Mail-Adresse ein."]
