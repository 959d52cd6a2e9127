"""Portal API shapes: explicit allowlists, no internal notes, no professional ratings."""

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from reintegra.assessments.models import AssessmentItem, Domain, ItemKind
from reintegra.consents.models import Consent, ConsentStatus, Purpose
from reintegra.plans.models import Measure
from reintegra.portal.labels import purpose_text


class PortalGoalOutSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)


class PortalPlanMeasureSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField()
    status = serializers.CharField(help_text="planned, active, done or cancelled")
    responsible = serializers.CharField(help_text="who does it: a name, or the client")
    mine = serializers.BooleanField(help_text="the client is responsible")
    overdue = serializers.BooleanField()


class PortalPersonSerializer(serializers.Serializer):
    display_name = serializers.CharField()


class PortalCaseTypeOutSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    # The field named "label" shadows Field.label only in the type stubs: DRF moves declared fields off the class.
    label = serializers.CharField(  # type: ignore[assignment]
        read_only=True, help_text="the name in the reader's language (Accept-Language)"
    )


class PortalMyCaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    case_type = PortalCaseTypeOutSerializer()
    status = serializers.CharField()
    case_manager = PortalPersonSerializer()
    plan_agreed_on = serializers.DateField(allow_null=True)
    goals = PortalGoalOutSerializer(many=True)
    measures = PortalPlanMeasureSerializer(many=True)


class PortalMeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    case = PortalMyCaseSerializer(allow_null=True)


class PortalClientConsentSerializer(serializers.ModelSerializer):
    purpose = serializers.CharField(read_only=True, help_text=", ".join(Purpose.values))
    purpose_text = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField(help_text=f"one of {', '.join(ConsentStatus.values)}")
    case = serializers.UUIDField(source="case_id", read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "case",
            "purpose",
            "purpose_text",
            "status",
            "given_on",
            "valid_until",
            "withdrawn_on",
            "version",
        ]
        read_only_fields = fields

    def get_purpose_text(self, consent: Consent) -> str:
        return purpose_text(consent)

    def get_status(self, consent: Consent) -> str:
        return consent.status_on(timezone.localdate())


class PortalClientWithdrawSerializer(serializers.Serializer):
    """No body needed; an empty object is fine."""


class PortalAccessRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    name = serializers.CharField(help_text="who accessed: the person's name")
    role = serializers.CharField(help_text="their roles, comma-separated (may be empty for participants)")
    action = serializers.CharField()
    object = serializers.CharField(source="object_type")


class PortalClientItemSerializer(serializers.ModelSerializer):
    domain = serializers.CharField(read_only=True, help_text=", ".join(Domain.values))
    kind = serializers.CharField(read_only=True, help_text=", ".join(ItemKind.values))
    client_rating = serializers.IntegerField(allow_null=True, read_only=True)
    client_rating_source = serializers.CharField(read_only=True, help_text='"client", "staff" or ""')

    class Meta:
        model = AssessmentItem
        fields = ["id", "domain", "kind", "text", "client_rating", "client_rating_source", "client_rated_at", "version"]
        read_only_fields = fields


class PortalClientRatingSerializer(serializers.Serializer):
    client_rating = serializers.IntegerField(
        min_value=0, max_value=4, help_text="0 none … 4 complete problem / strong resource"
    )
    version = serializers.IntegerField(min_value=1)


class PortalParticipantMeasureSerializer(serializers.ModelSerializer):
    case = serializers.UUIDField(source="case_id", read_only=True)
    reference = serializers.CharField(source="case.reference", read_only=True)
    status = serializers.CharField(read_only=True, help_text="planned, active, done or cancelled")

    class Meta:
        model = Measure
        fields = ["id", "case", "reference", "title", "start_date", "due_date", "status", "version"]
        read_only_fields = fields


class PortalMeasureDoneSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, help_text="what was done; no health details")
    version = serializers.IntegerField(min_value=1)

    def to_representation(self, instance: Any) -> Any:
        return {}
