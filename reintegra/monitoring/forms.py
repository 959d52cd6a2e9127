"""The filters of the monitoring list: validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.monitoring.selectors import KIND_CHOICES, WINDOWS, Scope

WINDOW_CHOICES = [(days, _("%(days)s days") % {"days": days}) for days in WINDOWS]


class MonitoringFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), required=False, choices=[("", _("everything")), *KIND_CHOICES])
    scope = forms.ChoiceField(
        label=_("Cases"),
        required=False,
        choices=[(Scope.MINE, _("my cases")), (Scope.VISIBLE, _("all cases I may see"))],
        help_text=_("My cases: the cases you manage or deputise."),
    )
    window = forms.TypedChoiceField(
        label=_("Look ahead"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=WINDOW_CHOICES,
        help_text=_("Your choice is remembered."),
    )
    ordering = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("date", _("earliest first")), ("-date", _("latest first"))],
    )
    case_manager = forms.UUIDField(required=False, widget=forms.HiddenInput)
