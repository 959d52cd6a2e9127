"""Serializers of the directory API. They only validate and shape; services change state.

Input serializers list every writable field explicitly: `organisation`, `id` and
`version` bumps can never be mass-assigned.
"""

from typing import cast

from django.conf import settings
from rest_framework import serializers

from reintegra.network.models import Offer, Provider, ProviderCategory
from reintegra.network.services.providers import ProviderChanges, ProviderInput

MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": 0}


class OfferSerializer(serializers.ModelSerializer):
    currency = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = [
            "id",
            "title",
            "description",
            "price",
            "currency",
            "unit",
            "cost_note",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_currency(self, offer: Offer) -> str:
        """The organisation's currency (CHF or EUR) in which `price` is given."""
        return offer.provider.organisation.currency


class ProviderContactSerializer(serializers.Serializer):
    """The provider's contact details; stored flat on the provider, shown nested."""

    person = serializers.CharField(source="contact_person", max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ProviderSerializer(serializers.ModelSerializer):
    contact = ProviderContactSerializer(source="*", read_only=True)
    # Declared: a read-only model field loses allow_blank, and "" (the organisation's language) is a value.
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        allow_blank=True,
        read_only=True,
        help_text="referral letters to the provider in this language; empty: the organisation's (German)",
    )
    offers = OfferSerializer(many=True, read_only=True)

    class Meta:
        model = Provider
        fields = [
            "id",
            "name",
            "category",
            "region",
            "contact",
            "description",
            "language",
            "active",
            "offers",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProviderInputSerializer(serializers.Serializer):
    """Create a provider. `contact` is nested like in the answer."""

    name = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=ProviderCategory.choices)
    region = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact = ProviderContactSerializer(required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        required=False,
        allow_blank=True,
        help_text="referral letters to the provider in this language; empty: the organisation's (German)",
    )
    active = serializers.BooleanField(required=False)

    def to_service_data(self) -> ProviderInput:
        """The validated data flattened into the provider's field names."""
        data = dict(self.validated_data)
        data.update(data.pop("contact", {}))
        data.pop("version", None)
        return cast(ProviderInput, data)


class ProviderUpdateSerializer(ProviderInputSerializer):
    """Change a provider: every field optional, `version` required (stale → 409)."""

    name = serializers.CharField(max_length=200, required=False)
    category = serializers.ChoiceField(choices=ProviderCategory.choices, required=False)
    version = serializers.IntegerField(min_value=1)

    def to_changes(self) -> ProviderChanges:
        """Only the fields sent, flattened like `to_service_data` (PATCH)."""
        return cast(ProviderChanges, self.to_service_data())


class ProviderFilterSerializer(serializers.Serializer):
    """Query parameters of the provider list."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    category = serializers.ChoiceField(choices=ProviderCategory.choices, required=False, allow_blank=True)
    region = serializers.CharField(required=False, allow_blank=True, max_length=100)
    active = serializers.BooleanField(required=False, allow_null=True, default=None)


class OfferInputSerializer(serializers.Serializer):
    """Create an offer."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    price = serializers.DecimalField(**MONEY, required=False, allow_null=True)  # type: ignore[arg-type]
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True)
    cost_note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class OfferUpdateSerializer(OfferInputSerializer):
    """Change an offer: every field optional, `version` required (stale → 409)."""

    title = serializers.CharField(max_length=200, required=False)
    version = serializers.IntegerField(min_value=1)
