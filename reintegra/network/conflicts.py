"""The UI side of optimistic locking: show what is stored next to what the person entered."""

from typing import Any, TypeVar, cast

from django import forms
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _

F = TypeVar("F", bound=forms.Form)


def display_value(field: forms.Field, value: Any) -> str:
    """A value as a person reads it: choice labels, yes/no, local number format, a dash for empty."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    choices = getattr(field, "choices", None)
    if choices:
        return str(dict(choices).get(value, value))
    return str(formats.localize(value))


def _normal(value: Any) -> Any:
    return None if value == "" else value


def conflict_rows(form: forms.Form, stored: dict[str, Any]) -> list[dict[str, str]]:
    """The fields where the stored record differs from what was submitted."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in stored:
            continue
        submitted = form.cleaned_data.get(name)
        if _normal(stored[name]) != _normal(submitted):
            rows.append(
                {
                    "field": str(field.label),
                    "stored": display_value(field, stored[name]),
                    "submitted": display_value(field, submitted),
                }
            )
    return rows


def rebind_with_version(form_class: type[F], form: F, version: int) -> F:
    """The same entries, now based on the stored version: saving again overwrites it on purpose."""
    data = cast(QueryDict, form.data).copy()
    data["version"] = str(version)
    rebound = form_class(data, initial=form.initial)
    rebound.fields["version"].required = True
    return rebound
