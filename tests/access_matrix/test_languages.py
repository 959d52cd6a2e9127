"""Every page of the access matrix in French and Italian: no German and no untranslated English shows.

Each page route is opened in fr and it as the first role the matrix allows. The visible text
(its text nodes, without scripts and elements marked with another `lang`, such as the language switch)
must hold no project text in German (a translation from a German catalogue) and no project
msgid in English that has a translation in the page's language. Data of the test world (names,
case types) is not UI text and is not checked. The catalogues themselves are checked for
completeness in tests/test_catalogues.py.
"""

from __future__ import annotations

import re
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from tests.access_matrix.pages import page_html, readable_pages

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "it")
# Texts too short or too generic to tell a language by (they read the same in several languages).
MIN_LENGTH = 12


def _pages() -> list[Any]:
    return [
        pytest.param(name, role, lang, id=f"{name}-{lang}") for name, role in readable_pages() for lang in LANGUAGES
    ]


def _entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of one catalogue (singular entries; enough to recognise texts)."""
    text = path.read_text(encoding="utf-8")
    entries = {}
    quoted = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
    pattern = r"^msgid " + quoted + r'(?:msgid_plural[^\n]*\n(?:"[^\n]*\n)*)?msgstr(?:\[0\])? ' + quoted
    for match in re.finditer(pattern, text, re.M):
        msgid, msgstr = ("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', group)) for group in match.groups())
        if msgid:
            entries[msgid.replace('\\"', '"').replace("\\n", "\n")] = msgstr.replace('\\"', '"').replace("\\n", "\n")
    return entries


def _catalogues(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(ROOT.glob(f"reintegra/*/locale/{language}/LC_MESSAGES/django.po")) + [
        ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    ]:
        if path.exists():
            merged.update(_entries(path))
    return merged


def _plain(text: str) -> str | None:
    """A catalogue text as it would read on a page, or None when it is a pattern (placeholders, markup)."""
    if "%(" in text or "%s" in text or "{" in text or "<" in text:
        return None
    text = " ".join(text.split())
    return text if len(text) >= MIN_LENGTH and " " in text else None


@cache
def _foreign(language: str) -> dict[str, str]:
    """Texts that must not appear on a page in `language`, with what they are."""
    own = _catalogues(language)
    german = _catalogues("de")
    own_texts = {" ".join(t.split()) for t in own.values() if t}
    found: dict[str, str] = {}
    for msgid, msgstr in german.items():
        text = _plain(msgstr)
        if text and text not in own_texts and text.lower() != " ".join(msgid.split()).lower():
            found[text] = f"German for {msgid!r}"
    for msgid, msgstr in own.items():
        text = _plain(msgid)
        if text and msgstr and " ".join(msgstr.split()) != text and text not in own_texts:
            found[text] = f"English msgid shown untranslated (the {language} catalogue has it)"
    return found


def _visible(html: str, language: str) -> set[str]:
    """The page's text nodes (a UI text is one node; data inside a sentence is not mistaken for one)."""
    html = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", html, flags=re.S | re.I)  # code and typed data
    # elements in another language (the language switch names each language in itself)
    other = r'<(a|button|option|span)\b[^>]*\blang="(?!' + language + r')[a-z-]+"[^>]*>.*?</\1>'
    html = re.sub(other, " ", html, flags=re.S)
    nodes = (" ".join(unescape(node).split()) for node in re.split(r"<[^>]+>", html))
    return {node.rstrip(":").strip() for node in nodes if node}


@pytest.mark.parametrize(("name", "role", "language"), _pages())
def test_pages_hold_no_german_and_no_untranslated_text(world: Any, name: str, role: str, language: str) -> None:
    html = page_html(world, name, role, language)
    if html is None:
        return
    if "<html" in html:  # a whole page, not an htmx fragment
        assert f'<html lang="{language}"' in html, f"{name}: the page is not marked as {language}"
    visible = _visible(html, language)
    wrong = sorted(f"{text!r} ({why})" for text, why in _foreign(language).items() if text in visible)
    assert not wrong, f"{name} in {language} as {role} shows:\n" + "\n".join(wrong)


def test_the_api_answers_in_french_and_italian() -> None:
    with translation.override("fr"):
        french = translation.gettext("No such case.")
    with translation.override("it"):
        italian = translation.gettext("No such case.")
    with translation.override("de"):
        german = translation.gettext("No such case.")
    assert len({french, italian, german, "No such case."}) == 4
