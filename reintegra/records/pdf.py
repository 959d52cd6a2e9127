"""`record.pdf`: the person's record (`record.client_record`) as a readable document, in their language.

Each part of the record is printed under the model's own name (“Goals”, “Notes”), each row as
its fields with their labels; choices read as their labels; references to other rows of the
record and internal book-keeping (ids, versions) are left out of the print (they stay in
`record.json`).
"""

import re
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.audit.models import AccessAction
from reintegra.core.pdf import Document, pdf_date
from reintegra.portal.labels import object_text

HIDDEN = {
    "id", "version", "related", "organisation", "case", "client", "checklist_state", "checklist_rev", "case_type_key",
    "last_activity_at",
}  # fmt: skip
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
MAX_VALUE = 2000  # characters of one value in the print (the JSON has all of it)


def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field_label(model: Any, name: str) -> str:
    if model is None:
        return name
    try:
        return _upper_first(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def _action(key: str) -> str:
    return str(AccessAction(key).label) if key in AccessAction.values else key


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _readable(value: str) -> str:
    """ISO dates and times as the pages show them: 4.12.2026, 4.12.2026 16:38 (local time)."""
    if ISO_DATE.match(value):
        return pdf_date(date.fromisoformat(value))
    if ISO_TIME.match(value):
        try:
            moment = timezone.localtime(datetime.fromisoformat(value))
        except ValueError:
            return value
        return f"{pdf_date(moment.date())} {moment:%H:%M}"
    return value


def _value(data: dict[str, Any], name: str) -> str:
    value = data.get(f"{name}_label", data[name])
    if isinstance(value, dict):
        value = value.get("name") or ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    text = "–" if value in (None, "") else _readable(str(value))
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + " …"


def _row(doc: Document, label: str, data: dict[str, Any], level: int) -> None:
    model = _model(label)
    for name in data:
        if name in HIDDEN or name.endswith(("_label", "_id", "_in_export")):
            continue
        if model is not None and name in {"created_at", "updated_at"} and level > 0:
            continue
        doc.field(_field_label(model, name), _value(data, name))
    for child_label, rows in (data.get("related") or {}).items():
        _group(doc, child_label, rows, level + 1)


def _group(doc: Document, label: str, rows: list[dict[str, Any]], level: int) -> None:
    model = _model(label)
    title = _upper_first(str(model._meta.verbose_name_plural)) if model is not None else label
    one = _upper_first(str(model._meta.verbose_name)) if model is not None else label
    doc.subheading(f"{title} ({len(rows)})")
    for index, data in enumerate(rows, start=1):
        if len(rows) > 1:
            doc.paragraph(f"{one} {index}", size=9)
        _row(doc, label, data, level)
        doc.ln(1)


def record_pdf(record: dict[str, Any], *, language: str) -> bytes:
    with translation.override(language):
        person = record["person"]
        name = f"{person.get('first_name', '')} {person.get('last_name', '')}".strip()
        doc = Document(
            title=_("Your data at %(organisation)s") % {"organisation": record["organisation"]["name"]},
            subtitle=name,
        )
        doc.paragraph(
            _(
                "This is everything %(organisation)s stores about you in its case management, as of "
                "%(date)s, including who accessed your data. The file record.json holds the same in "
                "machine-readable form, fhir.json each case in the FHIR format used in health care."
            )
            % {"organisation": record["organisation"]["name"], "date": _readable(record["generated_at"][:10])},
            size=9,
        )
        doc.heading(_("About you"))
        _row(doc, "cases.client", person, 0)
        for label, rows in (record.get("person_related") or {}).items():
            _group(doc, label, rows, 1)
        for entry in record["cases"]:
            case = entry["case"]
            doc.heading(_("Case %(reference)s") % {"reference": case.get("reference", "")})
            _row(doc, "cases.case", case, 0)
            for label, rows in (entry.get("related") or {}).items():
                _group(doc, label, rows, 1)
        doc.heading(_("Who accessed your data"))
        log = record.get("access_log") or []
        if not log:
            doc.paragraph(_("No entries."))
        else:
            doc.table(
                [_("When"), _("Who"), _("What"), _("Which data")],
                [
                    [_readable(e["at"]), e["user"]["username"] or "–", _action(e["action"]), object_text(e["object"])]
                    for e in log
                ],
                widths=[38, 50, 30, 56],
            )
        return doc.render()
