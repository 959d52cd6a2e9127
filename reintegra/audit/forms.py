"""The access-log page's filter form: validation only; the selectors resolve and read."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.audit.models import AccessAction

DATE_INPUTS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]


class LocalDateField(forms.DateField):
    """Accepts the local format (3.11.2026) and ISO."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUTS)
        kwargs.setdefault("widget", forms.DateInput(format="%d.%m.%Y", attrs={"placeholder": "3.11.2026"}))
        kwargs.setdefault("error_messages", {"invalid": _("Enter a real date, for example 3.11.2026.")})
        super().__init__(**kwargs)


class AccessLogFilterForm(forms.Form):
    """Field names match the API's parameters (`case`, `user`, `action`, `from`, `to`)."""

    case = forms.CharField(
        label=pgettext_lazy("access log", "Case"),
        required=False,
        max_length=64,
        help_text=_("Reference (for example BEM-2026-0001) or case id."),
    )
    user = forms.CharField(label=pgettext_lazy("access log", "Username"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=pgettext_lazy("access log", "Action"),
        required=False,
        choices=[("", pgettext_lazy("access log", "all")), *AccessAction.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword, so the date fields are added here rather than declared.
        self.fields["from"] = LocalDateField(
            label=pgettext_lazy("access log", "From"), required=False, help_text=_("First day.")
        )
        self.fields["to"] = LocalDateField(
            label=pgettext_lazy("access log", "To"), required=False, help_text=_("Last day, inclusive.")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first: date | None = data.get("from")
        last: date | None = data.get("to")
        if first and last and first > last:
            self.add_error("to", _("The last day must not be before the first day."))
        return data
