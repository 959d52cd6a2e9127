from typing import Any

from django.utils import timezone
from rest_framework import serializers

from reintegra.consents.models import Consent, ConsentForm, ConsentStatus, Purpose


class ConsentSerializer(serializers.ModelSerializer):
    purpose = serializers.ChoiceField(choices=Purpose.values)
    form = serializers.ChoiceField(choices=ConsentForm.values)
    participant = serializers.UUIDField(source="participant_id", required=False, allow_null=True)
    status = serializers.SerializerMethodField()
    recorded_by = serializers.SerializerMethodField()
    scope = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "purpose",
            "participant",
            "form",
            "given_on",
            "valid_until",
            "scope",
            "status",
            "recorded_by",
            "withdrawn_on",
            "has_scan",
            "version",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "recorded_by",
            "withdrawn_on",
            "has_scan",
            "version",
            "created_at",
        ]

    def get_status(self, consent: Consent) -> str:
        return consent.status_on(timezone.localdate())

    def get_recorded_by(self, consent: Consent) -> dict[str, str]:
        return {"id": str(consent.recorded_by.pk), "display_name": consent.recorded_by.display_name}

    def get_has_scan(self, consent: Consent) -> bool:
        return bool(consent.scan)


ConsentSerializer._declared_fields["status"].help_text = f"one of {', '.join(ConsentStatus.values)}"


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ScanUploadSerializer(serializers.Serializer):
    scan = serializers.FileField()

    def to_representation(self, instance: Any) -> Any:
        return {}
