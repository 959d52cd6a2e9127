"""The query parameters of the insights API (validated: 400 naming the field)."""

from rest_framework import serializers


class InsightsQuerySerializer(serializers.Serializer):
    # `from` is a Python keyword: declared below under its API name.
    to = serializers.DateField(required=False, help_text="Last day of the period (default: today).")
    unit = serializers.UUIDField(required=False, help_text="One of your units (default: all your units).")
    case_type = serializers.SlugField(required=False, help_text="A case type key, e.g. bem.")

    def get_fields(self) -> dict:
        fields = super().get_fields()
        fields["from"] = serializers.DateField(
            required=False, help_text="First day of the period (default: 364 days before `to`)."
        )
        return fields
