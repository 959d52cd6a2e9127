"""Every page of the access matrix in German: no raw key and no raw boolean shows.

Each page route is opened in German as the first role the matrix allows. Its visible text nodes
(without scripts, styles, typed data and `<code>`, which shows identifiers on purpose) must hold
no boolean as Python or JSON spells it (`True`, `false`, `None`) and no internal key: the shipped
case types' keys (`bem`, `iv-early`, `general`), access-log object types (`portal_invite`) and
phase-checklist item keys (`consent_data_collection`). Those have labels in the reader's language.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from reintegra.audit.labels import OBJECT_TYPE_LABELS
from reintegra.cases.case_types import SHIPPED
from reintegra.cases.checklist import LABELS as CHECKLIST_LABELS
from tests.access_matrix.pages import page_html, readable_pages

pytestmark = pytest.mark.django_db

RAW_BOOLEANS = {"True", "False", "true", "false", "None", "null"}
# Keys that read as plain words in German too ("case", "phase", "portal", "page") are left out.
RAW_KEYS = (
    {spec["key"] for spec in SHIPPED}
    | {key for key in OBJECT_TYPE_LABELS if "_" in key or "-" in key}
    | {key for key in CHECKLIST_LABELS if "_" in key}
)


def visible_nodes(html: str) -> set[str]:
    html = re.sub(r"<(script|style|textarea|code)\b.*?</\1>", " ", html, flags=re.S | re.I)
    nodes = (" ".join(unescape(node).split()) for node in re.split(r"<[^>]+>", html))
    return {node.strip().rstrip(":").strip() for node in nodes if node.strip()}


def raw_words(html: str) -> list[str]:
    """The raw booleans and keys among the page's visible text: a node that is one, or holds one as a word."""
    found = []
    for node in visible_nodes(html):
        words = set(re.findall(r"[\w-]+", node))
        for word in sorted((words & RAW_BOOLEANS) | (words & RAW_KEYS)):
            found.append(f"{word!r} in {node[:120]!r}")
    return sorted(set(found))


def test_raw_words_finds_keys_and_booleans() -> None:
    html = "<p>True</p><td>bem</td><td>Objekt: portal_invite</td><code>iv-early</code><p>Truemann</p>"
    assert raw_words(html) == ["'True' in 'True'", "'bem' in 'bem'", "'portal_invite' in 'Objekt: portal_invite'"]


@pytest.mark.parametrize(("name", "role"), [pytest.param(name, role, id=name) for name, role in readable_pages()])
def test_pages_show_no_raw_keys_or_booleans(world: Any, name: str, role: str) -> None:
    html = page_html(world, name, role, "de")
    if html is None:
        return
    wrong = raw_words(html)
    assert not wrong, f"{name} in German as {role} shows raw values:\n" + "\n".join(wrong)
