"""Forms of the screening pages. They only validate; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Unit
from reintegra.cases.models import CaseType
from reintegra.screening.models import AbsenceKind, ColumnMapping, CountingUnit, InvitationStatus, ScreeningRule
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

    def __init__(self, *args: Any, organisation_id: Any, rules: Any = None, **kwargs: Any) -> None:
        """`rules`: the organisation's rules if the caller has them already (the active ones are offered)."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("All units")  # type: ignore[attr-defined]
        if rules is None:
            rules = ScreeningRule.objects.filter(organisation_id=organisation_id).order_by("key")
        active = [r for r in rules if r.active]
        self.fields["rule"].choices = [("", _("All rules")), *((r.key, r.label) for r in active)]  # type: ignore[attr-defined]


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


class ScreeningRuleForm(forms.Form):
    """A rule's settings. Thresholds are in calendar days; with working days they scale by the person's week."""

    name = forms.CharField(label=_("Name"), max_length=200)
    case_type_key = forms.ChoiceField(label=_("Case type an accepted invitation opens"))
    window_days = forms.IntegerField(
        label=_("Window (days up to and including today)"), min_value=1, max_value=3660, help_text=_("365 = one year.")
    )
    counting_unit = forms.ChoiceField(label=_("Counting unit"), choices=CountingUnit.choices, widget=forms.RadioSelect)
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of absence counted"), choices=AbsenceKind.choices, widget=forms.CheckboxSelectMultiple
    )
    total_days_over = forms.IntegerField(
        label=_("Threshold: more than … days in total"),
        required=False,
        min_value=1,
        help_text=_("Added up over all absences in the window (BEM: 42). Empty: not a clause of this rule."),
    )
    consecutive_days_min = forms.IntegerField(
        label=_("Threshold: at least … consecutive days"),
        required=False,
        min_value=1,
        help_text=_("One uninterrupted stretch (IV early detection: 30). Empty: not a clause of this rule."),
    )
    separate_absences_min = forms.IntegerField(
        label=_("Minimum separate absences"),
        required=False,
        min_value=2,
        help_text=_("At least this many absences in the window (IV early detection: 4). Empty: not a clause."),
    )
    active = forms.BooleanField(label=_("Active (screen for this rule)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, organisation_id: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = CaseType.objects.filter(organisation_id=organisation_id, active=True).order_by("name")
        self.fields["case_type_key"].choices = [(t.key, t.label) for t in types]  # type: ignore[attr-defined]


class NewScreeningRuleForm(ScreeningRuleForm):
    """An own rule: its key (how the list and the API name it) and the same settings."""

    key = forms.CharField(
        label=_("Key"), max_length=40, help_text=_("Lower-case letters, digits and dashes, e.g. insurer-60.")
    )
    field_order = ["key", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]
