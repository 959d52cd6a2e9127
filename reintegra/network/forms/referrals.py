"""Forms of the referral page: propose a referral, move it one step."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.network.models import Provider, ProviderCategory, ReferralStatus


def grouped_provider_choices(providers: list[Provider]) -> list[Any]:
    """Choices grouped by category (optgroups), so that the select is easy to scan."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for provider in providers:
        label = f"{provider.name} ({provider.region})" if provider.region else provider.name
        groups.setdefault(provider.category, []).append((str(provider.pk), label))
    choices: list[Any] = [("", _("Choose a provider"))]
    for category in ProviderCategory:
        if category.value in groups:
            choices.append((category.label, groups[category.value]))
    return choices


class ReferralProposeForm(forms.Form):
    provider = forms.ChoiceField(label=_("Provider"), error_messages={"required": _("Choose a provider.")})
    measure = forms.ChoiceField(
        label=_("Measure"), required=False, help_text=_("The measure of the plan this referral serves.")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the provider should know. Share only what the client agreed to."),
    )

    def __init__(self, *args: Any, providers: list[Provider], measures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["provider"]).choices = grouped_provider_choices(providers)
        cast(forms.ChoiceField, self.fields["measure"]).choices = [("", _("No measure")), *measures]


class ReferralTransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Next step"),
        choices=[(value, label) for value, label in ReferralStatus.choices if value != ReferralStatus.PROPOSED],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
