from django import forms
from django.utils.translation import gettext_lazy as _


class LegalHoldForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=40, help_text=_("For example BEM-2026-0001."))
    reason = forms.CharField(
        label=_("Reason for the hold"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a pending court case or a request of an authority. Do not name the person."),
    )


class EraseForm(forms.Form):
    reference = forms.CharField(label=_("Case reference"), max_length=40)
    reason = forms.CharField(
        label=_("Reason for the early erasure"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the person asked for erasure on a given date. Do not name the person."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the case and everything about the person in it are erased for good."),
    )
