"""Forms of the assessment pages: validation of shapes only; the services check the rest."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import ICF_CODE_PATTERN, Closeness, Domain, ItemKind, Sector, Support, Tie
from reintegra.assessments.services import normalise_icf_code
from reintegra.cases.forms import LocalDateField

RATING_CHOICES = [
    ("", _("not rated")),
    (0, _("0 – none")),
    (1, _("1 – slight")),
    (2, _("2 – moderate")),
    (3, _("3 – marked")),
    (4, _("4 – complete / strong")),
]


def _rating_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=RATING_CHOICES, coerce=int, empty_value=None, required=False)


class AssessmentForm(forms.Form):
    date = LocalDateField(label=_("Date of the assessment"), help_text=_("For example 3.11.2026."))


class ItemForm(forms.Form):
    """One row: a problem, resource or need in a domain, rated from both perspectives."""

    domain = forms.ChoiceField(label=_("Domain"), choices=[("", "–"), *Domain.choices])
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "–"), *ItemKind.choices])
    text = forms.CharField(label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    professional_rating = _rating_field(_("Professionals' rating"))
    client_rating = _rating_field(_("Client's rating"))
    icf_code = forms.CharField(
        label=_("ICF code"),
        required=False,
        max_length=10,
        help_text=_("b, d, e or s and 3 to 5 digits, for example d850 (remunerative employment)."),
    )
    source_name = forms.CharField(
        label=_("Source (person from the environment)"),
        required=False,
        max_length=200,
        help_text=_("Who named this item, if not the client or you."),
    )
    source_participant = forms.ChoiceField(label=_("Source (participant)"), required=False)

    def __init__(self, *args: Any, participants: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *(participants or [])]
        self.fields["source_participant"].choices = choices  # type: ignore[attr-defined]

    def clean_icf_code(self) -> str:
        code = normalise_icf_code(self.cleaned_data.get("icf_code"))
        if code and not re.fullmatch(ICF_CODE_PATTERN, code):
            raise ValidationError(_("Enter an ICF code: b, d, e or s followed by 3 to 5 digits, for example d850."))
        return code


class RowsFormSet(forms.BaseFormSet):
    """Rows with a clearly labelled removal checkbox."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


class BaseItemFormSet(RowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not filled_forms(self):
            raise ValidationError(_("Add at least one item: a problem, resource or need."))


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=3, can_delete=True, max_num=100)


def filled_forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows that hold something and are not marked for removal."""
    return [
        form
        for form in formset.forms
        if form.has_changed() and not (formset.can_delete and form.cleaned_data.get("DELETE"))
    ]


class NetworkVersionForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class NodeForm(forms.Form):
    """One person or group on the network map."""

    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=120)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "–"), *Sector.choices])
    closeness = forms.TypedChoiceField(
        label=_("Closeness"),
        choices=[("", "–"), *Closeness.choices],
        coerce=int,
    )
    tie = forms.ChoiceField(label=_("Tie"), choices=[("", "–"), *Tie.choices])
    support = forms.ChoiceField(label=_("Support"), choices=[("", _("not known")), *Support.choices], required=False)


NodeFormSet = forms.formset_factory(NodeForm, formset=RowsFormSet, extra=2, can_delete=True, max_num=60)
