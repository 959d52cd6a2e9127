"""The access log's object types read as words in the reader's language, never as keys."""

import re
from pathlib import Path

from django.utils import translation

from reintegra.audit.labels import OBJECT_TYPE_LABELS, object_type_label

ROOT = Path(__file__).resolve().parents[2]
# object_type="…", object_type = "…" (API views), OBJECT = "…" / LEGAL_HOLD_OBJECT: str = "…" (module constants)
WRITTEN = re.compile(r'(?:\bobject_type\s*=\s*|\b[A-Z_]*OBJECT\s*(?::\s*str\s*)?=\s*)"([a-z_]+)"')


def _written_types() -> set[str]:
    found = set()
    for path in ROOT.glob("*/**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        found.update(WRITTEN.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_object_type_the_code_writes_has_a_label():
    written = _written_types()
    assert {"case", "portal_invite", "legal_hold", "access_log", "event"} <= written
    assert written - set(OBJECT_TYPE_LABELS) == set()


def test_labels_in_german_french_and_italian():
    with translation.override("de"):
        assert object_type_label("portal_invite") == "Portal-Einladung"
        assert object_type_label("access_log") == "Zugriffsprotokoll"
    with translation.override("fr"):
        assert object_type_label("portal_invite") == "Invitation au portail"
    with translation.override("it"):
        assert object_type_label("portal_invite") == "Invito al portale"


def test_an_unknown_type_reads_as_words():
    assert object_type_label("some_new_thing") == "Some new thing"
