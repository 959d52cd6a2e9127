"""The filters of the insights page: period, unit, case type (validation only)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class InsightsFilterForm(forms.Form):
    """Fields `from`, `to`, `unit`, `case_type` (the API's query parameters)."""

    def __init__(self, *args: Any, units: list[Any] | None, case_types: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["from"] = forms.DateField(label=_("From"), required=False, widget=date)
        self.fields["to"] = forms.DateField(label=_("To"), required=False, widget=date)
        unit_choices = [(str(unit.pk), unit.name) for unit in units or []]
        self.fields["unit"] = forms.ChoiceField(
            label=_("Unit"), required=False, choices=[("", _("all my units")), *unit_choices]
        )
        self.case_types = {kind.key: kind.name for kind in case_types}  # key → name, for the labels
        self.fields["case_type"] = forms.ChoiceField(
            label=_("Case type"),
            required=False,
            choices=[("", _("all case types")), *((kind.key, kind.label) for kind in case_types)],
        )
