"""Forms of the screening pages. They only validate; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Unit
from reintegra.screening.models import ColumnMapping, InvitationStatus, ScreeningRule
from reintegra.screening.services.parsing import COLUMNS

MAX_UPLOAD = 50 * 1024 * 1024

COLUMN_LABELS = {
    "personnel_number": _("Personnel number"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "birth_date": _("Date of birth"),
    "unit": _("Unit"),
    "start": _("First day of absence"),
    "end": _("Last day of absence"),
    "kind": _("Kind (illness, accident, other)"),
    "percent": _("Incapacity in percent"),
    "work_days_per_week": _("Working days per week"),
}


class ScreeningFilterForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=_("Unit"))
    rule = forms.ChoiceField(required=False, label=_("Rule"))

    def __init__(self, *args: Any, organisation_id: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("All units")  # type: ignore[attr-defined]
        rules = ScreeningRule.objects.filter(organisation_id=organisation_id, active=True).order_by("key")
        self.fields["rule"].choices = [("", _("All rules")), *((r.key, r.label) for r in rules)]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("CSV in UTF-8 or as Excel saves it (semicolons); dates as 2026-11-23 or 23.11.2026."),
    )
    mapping = forms.ModelChoiceField(
        queryset=ColumnMapping.objects.none(),
        required=False,
        label=_("Column mapping"),
        empty_label=_("Our column names"),
    )

    def __init__(self, *args: Any, organisation_id: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mapping"].queryset = ColumnMapping.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class ColumnMappingForm(forms.Form):
    name = forms.CharField(label=_("Name (e.g. the HR system)"), max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in COLUMNS:
            self.fields[column] = forms.CharField(
                label=COLUMN_LABELS[column],
                required=False,
                max_length=100,
                help_text=_("Header in the file; empty: “%(name)s”.") % {"name": column},
            )

    def columns(self) -> dict[str, str]:
        return {column: self.cleaned_data.get(column) or "" for column in COLUMNS}


class InviteForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput)


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[(c, label) for c, label in InvitationStatus.choices if c != InvitationStatus.PENDING],
        widget=forms.RadioSelect,
    )
