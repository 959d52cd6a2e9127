"""Serializers of the referral API."""

from django.urls import reverse
from rest_framework import serializers

from reintegra.network.models import Referral, ReferralStatus, ReferralTransition


class ReferralTransitionSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)
    actor = serializers.SerializerMethodField()

    class Meta:
        model = ReferralTransition
        fields = ["from_status", "to_status", "note", "actor", "at"]
        read_only_fields = fields

    def get_actor(self, step: ReferralTransition) -> dict[str, str]:
        return {"id": str(step.actor_id), "username": step.actor.username}


class ReferralSerializer(serializers.ModelSerializer):
    provider = serializers.SerializerMethodField()
    measure = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    letter_url = serializers.SerializerMethodField(
        help_text="the referral letter to the provider (PDF), written when the referral was sent; null before"
    )
    history = ReferralTransitionSerializer(source="transitions", many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "provider",
            "measure",
            "note",
            "status",
            "allowed_transitions",
            "letter_url",
            "sent_on",
            "accepted_on",
            "declined_on",
            "started_on",
            "completed_on",
            "cancelled_on",
            "history",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_provider(self, referral: Referral) -> dict[str, str]:
        provider = referral.provider
        return {"id": str(provider.pk), "name": provider.name, "category": provider.category}

    def get_measure(self, referral: Referral) -> dict[str, str] | None:
        if referral.measure is None:
            return None
        return {"id": str(referral.measure.pk), "title": referral.measure.title}

    def get_letter_url(self, referral: Referral) -> str | None:
        if not referral.letter:
            return None
        return reverse("api:case-referral-letter", kwargs={"case_id": referral.case_id, "referral_id": referral.pk})

    def get_allowed_transitions(self, referral: Referral) -> list[str]:
        return list(referral.next_statuses)


class ReferralInputSerializer(serializers.Serializer):
    """Propose a referral to a provider, optionally for one of the case's measures."""

    provider = serializers.UUIDField()
    measure = serializers.UUIDField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ReferralTransitionInputSerializer(serializers.Serializer):
    """Move a referral one step."""

    to = serializers.ChoiceField(choices=[c for c in ReferralStatus.values if c != ReferralStatus.PROPOSED])
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
