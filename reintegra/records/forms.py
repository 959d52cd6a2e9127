from django import forms
from django.utils.translation import gettext_lazy as _


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Last or first name"),
        min_length=2,
        max_length=100,
        help_text=_("The start of the name is enough; umlauts and case do not matter."),
    )
