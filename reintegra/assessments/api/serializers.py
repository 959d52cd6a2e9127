"""Serializers of the assessment and network-map API. Input serializers check shapes and types;
the services check the rest (so that the HTML forms get the same rules)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reintegra.assessments.models import (
    ICF_CODE_PATTERN,
    RATING_MAX,
    RATING_MIN,
    Assessment,
    AssessmentItem,
    Closeness,
    Domain,
    ItemKind,
    NetworkNode,
    RatingSource,
    Sector,
    Support,
    Tie,
)
from reintegra.assessments.services import MAX_ITEMS, MAX_NODES, TEXT_MAX
from reintegra.cases.api.serializers import PersonRefSerializer


def _rating(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=RATING_MIN, max_value=RATING_MAX, required=False, allow_null=True, help_text=help_text
    )


class ItemInputSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Domain.values)
    kind = serializers.ChoiceField(choices=ItemKind.values)
    text = serializers.CharField(max_length=TEXT_MAX)
    professional_rating = _rating("ICF qualifier 0 none … 4 complete problem; for resources 0 none … 4 strong.")
    client_rating = _rating("The client's own rating on the same scale.")
    icf_code = serializers.RegexField(
        ICF_CODE_PATTERN,
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=6,
        help_text="b, d, e or s followed by 3 to 5 digits (b152, d850, e310); upper case is accepted.",
        error_messages={"invalid": _("Enter an ICF code: b, d, e or s followed by 3 to 5 digits, for example d850.")},
    )
    source_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="A person from the environment as the source."
    )
    source_participant = serializers.UUIDField(
        required=False, allow_null=True, help_text="A participant of the case as the source of the item."
    )

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("icf_code"), str):
            data = {**data, "icf_code": data["icf_code"].strip().lower()}
        return super().to_internal_value(data)


class AssessmentCreateSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="YYYY-MM-DD, not in the future.")
    items = serializers.ListField(child=ItemInputSerializer(), min_length=1, max_length=MAX_ITEMS)


class ItemSerializer(serializers.ModelSerializer):
    domain = serializers.ChoiceField(choices=Domain.values)
    # A plain string here: an enum in a second component would collide with other apps' `kind` enums.
    kind = serializers.CharField(read_only=True, help_text="problem, resource or need")
    client_rating_source = serializers.SerializerMethodField(
        help_text="Who entered the client's rating: staff (in conversation) or client (portal)."
    )
    source_participant = serializers.UUIDField(source="source_participant_id", allow_null=True)
    rating_difference = serializers.IntegerField(allow_null=True, help_text="|professional − client|, if both rated")
    perspectives_differ = serializers.BooleanField(help_text="The two ratings lie 2 or more steps apart.")

    class Meta:
        model = AssessmentItem
        fields = [
            "id",
            "domain",
            "kind",
            "text",
            "professional_rating",
            "client_rating",
            "client_rating_source",
            "client_rated_at",
            "icf_code",
            "source_name",
            "source_participant",
            "rating_difference",
            "perspectives_differ",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=RatingSource.values, allow_null=True))
    def get_client_rating_source(self, item: AssessmentItem) -> str | None:
        return item.client_rating_source or None


class AssessmentSerializer(serializers.ModelSerializer):
    recorded_by = PersonRefSerializer()
    items = ItemSerializer(many=True)

    class Meta:
        model = Assessment
        fields = ["id", "date", "recorded_by", "items", "version", "created_at"]


class NodeSerializer(serializers.Serializer):
    id = serializers.UUIDField(required=False, allow_null=True, help_text="Omit for a new person.")
    name = serializers.CharField(max_length=120)
    sector = serializers.ChoiceField(choices=Sector.values)
    closeness = serializers.ChoiceField(choices=Closeness.values, help_text="1 = closest … 3 = most distant")
    tie = serializers.ChoiceField(choices=Tie.values)
    support = serializers.ChoiceField(choices=Support.values, required=False, allow_null=True, allow_blank=True)

    def to_representation(self, instance: NetworkNode) -> dict[str, Any]:
        return {
            "id": str(instance.pk),
            "name": instance.name,
            "sector": instance.sector,
            "closeness": instance.closeness,
            "tie": instance.tie,
            "support": instance.support or None,
        }


class NetworkMapSerializer(serializers.Serializer):
    nodes = serializers.ListField(child=NodeSerializer(), max_length=MAX_NODES)
    version = serializers.IntegerField(min_value=0, help_text="0 for a map not yet written; else the stored one.")
