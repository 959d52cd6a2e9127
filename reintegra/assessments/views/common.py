"""Helpers the assessment pages share: the error summary, extra rows, conflict messages.

Service errors become form errors through `core.htmx.form_add_errors` / `form_add_row_errors`."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

from reintegra.core.exceptions import Conflict, ConflictCode


@dataclass
class SummaryError:
    """One line of the GOV.UK error summary: links to the field it is about."""

    anchor: str
    label: str
    message: str


def summary_for(form: forms.Form | None, formset: forms.BaseFormSet | None, row_label: str) -> list[SummaryError]:
    """Every error of the page, in page order, for the error summary at the top."""
    found: list[SummaryError] = []
    if form is not None:
        for field in form:
            found += [SummaryError(field.id_for_label, str(field.label), str(e)) for e in field.errors]
        found += [SummaryError("", "", str(e)) for e in form.non_field_errors()]
    if formset is not None:
        found += [SummaryError("rows", "", str(e)) for e in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, start=1):
            prefix = _("%(row)s %(number)s") % {"row": row_label, "number": number}
            for field in row:
                anchor = f"row-{row.prefix}" if field.is_hidden else field.id_for_label
                found += [SummaryError(anchor, f"{prefix} – {field.label}", str(e)) for e in field.errors]
            found += [SummaryError(f"row-{row.prefix}", prefix, str(e)) for e in row.non_field_errors()]
    return found


def with_extra_row(data: Any, prefix: str) -> Any:
    """A copy of the posted data with one more (empty) row in the formset."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, 0)) + 1)
    except ValueError:
        data[key] = "1"
    return data


def conflict_message(case: Any, exc: Conflict) -> str:
    """A refusal the person can act on, in their language."""
    if case.is_closed:
        return _("The case is closed: nothing can be added or changed. Reopen the case first.")
    if exc.code == ConflictCode.CASE_NOT_ADMITTED:
        return _("The case was not admitted: it can only be closed.")
    return exc.detail


def focus_last_row(formset: forms.BaseFormSet, field: str) -> None:
    """After 'Add a row': put the keyboard focus into the new row (htmx honours autofocus on swapped content)."""
    if formset.forms:
        formset.forms[-1].fields[field].widget.attrs["autofocus"] = True


def without_errors(*parts: forms.Form | forms.BaseFormSet) -> None:
    """'Add a row' re-shows what was typed so far: not the place to complain about unfinished rows."""
    for part in parts:
        if isinstance(part, forms.BaseFormSet):
            part.full_clean()
            part._non_form_errors = part.error_class()  # type: ignore[attr-defined]
            for form in part.forms:
                form._errors = ErrorDict()
        else:
            part.full_clean()
            part._errors = ErrorDict()  # type: ignore[attr-defined]
