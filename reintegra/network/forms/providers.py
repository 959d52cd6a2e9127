"""Forms of the directory pages: they only validate; services change state."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reintegra.network.models import Offer, Provider, ProviderCategory
from reintegra.network.services.providers import OfferChanges, ProviderChanges, ProviderInput


class ProviderFilterForm(forms.Form):
    """Search and filters of the provider list (GET, also without JavaScript)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, description, region or offer."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, regions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", _("All categories")),
            *ProviderCategory.choices,
        ]
        cast(forms.ChoiceField, self.fields["region"]).choices = [("", _("All regions"))] + [
            (region, region) for region in regions
        ]


class ProviderForm(forms.Form):
    """Create or edit a provider; `version` travels with the edit form (optimistic locking)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *ProviderCategory.choices])
    region = forms.CharField(
        label=_("Region"),
        max_length=100,
        required=False,
        help_text=_("For example Basel-Stadt, Zürich or Berlin."),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        error_messages={"invalid": _("Enter an email address like name@example.ch.")},
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address like https://www.example.ch.")},
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the provider does, for whom, waiting times."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The organisation's language")), *settings.LANGUAGES],
        help_text=_("Referral letters to this provider are written in this language."),
    )
    active = forms.BooleanField(label=_("Active: can receive referrals"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    field_order = [
        "name",
        "category",
        "region",
        "description",
        "contact_person",
        "email",
        "phone",
        "website",
        "address",
        "language",
        "active",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Enter the provider's name.")
        self.fields["category"].error_messages["required"] = _("Choose a category.")
        self.fields["category"].error_messages["invalid_choice"] = _("Choose a category from the list.")

    def service_data(self) -> ProviderInput:
        """Every field of the entry, as `provider_create` takes it (and `provider_update` as changes)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return cast(ProviderInput, data)

    def changes(self) -> ProviderChanges:
        return cast(ProviderChanges, self.service_data())

    @staticmethod
    def initial_from(provider: Provider) -> dict[str, Any]:
        fields = [name for name in ProviderForm.base_fields if name != "version"]
        return {name: getattr(provider, name) for name in fields} | {"version": provider.version}


class OfferForm(forms.Form):
    """Create or edit an offer of a provider."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    price = forms.DecimalField(
        label=_("Price"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        localize=True,
        help_text=_("In your organisation's currency, for example 120.50."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=50, required=False, help_text=_("For example per hour or per session.")
    )
    cost_note = forms.CharField(
        label=_("Cost note"),
        max_length=300,
        required=False,
        help_text=_("For example who usually pays, or how the price is agreed."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Enter the title of the offer.")
        self.fields["price"].error_messages["invalid"] = _("Enter the price as a number, for example 120.50.")

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data

    def changes(self) -> OfferChanges:
        return cast(OfferChanges, self.service_data())

    @staticmethod
    def initial_from(offer: Offer) -> dict[str, Any]:
        fields = [name for name in OfferForm.base_fields if name != "version"]
        return {name: getattr(offer, name) for name in fields} | {"version": offer.version}
