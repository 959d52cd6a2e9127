"""Placeholders in document templates: `{{client_name}}`, substituted explicitly.

Template text is written by users, so it is never handed to the Django template
engine (that would expose tags, filters and attribute lookups). Only the names
below are known; anything else that looks like a placeholder is refused when the
template is saved.
"""

import re
from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra.core.exceptions import InvalidInput

PLACEHOLDERS: dict[str, str | Promise] = {
    "client_name": _("Full name of the client"),
    "client_first_name": _("First name of the client"),
    "client_last_name": _("Last name of the client"),
    "case_reference": _("Case reference, e.g. BEM-2026-0001"),
    "case_type": _("Case type"),
    "case_manager_name": _("Name of the case manager"),
    "case_manager_email": _("E-mail address of the case manager"),
    "organisation_name": _("Name of the organisation"),
    "unit_name": _("Name of the unit"),
    "today": _("Today's date"),
    "event_date": _("Date of the event (admission, closure …)"),
    "measure_title": _("Title of the measure"),
    "due_date": _("Due date"),
    "reply_by": _("Date by which the client is asked to reply"),
}

# Placeholders a case does not know by itself: the person making the letter fills them in
# (the documents page asks for them), as a date or as a line of text.
ASKED_PLACEHOLDERS: dict[str, str] = {"reply_by": "date", "due_date": "date", "measure_title": "text"}

# Sample values for previews. Umlauts on purpose: the PDF must render them.
SAMPLE_CONTEXT: dict[str, str] = {
    "client_name": "Jürg Müller",
    "client_first_name": "Jürg",
    "client_last_name": "Müller",
    "case_reference": "BEM-2026-0001",
    "case_type": "BEM",
    "case_manager_name": "Anna Keller",
    "case_manager_email": "anna.keller@example.org",
    "organisation_name": "Demo AG",
    "unit_name": "Zürich",
    "today": "23.11.2026",
    "event_date": "20.11.2026",
    "measure_title": "Arbeitsplatzabklärung mit der Ergonomin",
    "due_date": "15.12.2026",
    "reply_by": "7.12.2026",
}

# The address block of a preview.
SAMPLE_RECIPIENT = ["Jürg Müller", "Seestrasse 12", "8002 Zürich"]

PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def placeholder_errors(text: str) -> list[str]:
    """Messages for unknown or malformed placeholders in `text` (empty when all is well)."""
    errors: list[str] = []
    for name in PLACEHOLDER_RE.findall(text):
        if name not in PLACEHOLDERS:
            errors.append(
                str(_("Unknown placeholder {{%(name)s}}. Use one of: %(known)s."))
                % {"name": name, "known": ", ".join(PLACEHOLDERS)}
            )
    rest = PLACEHOLDER_RE.sub("", text)
    if "{{" in rest or "}}" in rest:
        errors.append(str(_("A placeholder is not closed. Write it like {{client_name}}.")))
    return errors


def substitute(text: str, context: dict[str, str]) -> str:
    """Replace every known placeholder with its value from `context` (missing: empty)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        return str(context.get(name, ""))

    return PLACEHOLDER_RE.sub(value, text)


def placeholders_empty(texts: Iterable[str], context: dict[str, str]) -> list[str]:
    """The known placeholders used in `texts` that have no value in `context` (sorted)."""
    used = {name for text in texts for name in PLACEHOLDER_RE.findall(text or "") if name in PLACEHOLDERS}
    return sorted(name for name in used if not str(context.get(name, "") or "").strip())


def placeholders_asked(texts: Iterable[str]) -> list[str]:
    """The placeholders used in `texts` that the person making the letter fills in (ASKED_PLACEHOLDERS order)."""
    used = {name for text in texts for name in PLACEHOLDER_RE.findall(text or "")}
    return [name for name in ASKED_PLACEHOLDERS if name in used]


def placeholders_require(
    *, texts: Iterable[str], context: dict[str, str], field: str = "letter", message: str | None = None
) -> None:
    """Refuse a letter in which a placeholder would stay empty ("reply by ." must not go out):
    InvalidInput (400) on `field`, naming every empty placeholder. Every letter asks this one function.

    `message` is an already translated text with `%(names)s`; the default fits any letter."""
    empty = placeholders_empty(texts, context)
    if empty:
        text = message or gettext(
            "The letter cannot be made: %(names)s has no value for this case. Fill it in, or change the template."
        )
        raise InvalidInput({field: [text % {"names": ", ".join("{{" + name + "}}" for name in empty)}]})
