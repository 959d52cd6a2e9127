"""Consent forms: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.cases.forms import LocalDateField
from reintegra.consents.models import ConsentForm as ConsentFormChoice
from reintegra.consents.models import Purpose


class ConsentRecordForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    participant = forms.ChoiceField(
        label=_("Participant"), required=False, help_text=_("Only for sharing with one participant.")
    )
    # Not named "form": an input of that name shadows HTMLFormElement properties and breaks htmx.
    consent_form = forms.ChoiceField(label=_("Form"), choices=ConsentFormChoice.choices, widget=forms.RadioSelect)
    given_on = LocalDateField(label=_("Given on"))
    valid_until = LocalDateField(label=_("Valid until"), required=False)
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What may be collected or shared, in the client's words where possible."),
    )
    scan = forms.FileField(
        label=_("Signed scan (PDF, PNG or JPEG, at most 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args: object, participants: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["participant"].choices = [("", "–"), *participants]  # type: ignore[attr-defined]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
