"""Monitoring API shapes: the query parameters (validated, 400 naming the field) and the items."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from reintegra.monitoring.selectors import KINDS, ORDERINGS, SCOPES, WINDOWS, Scope


class CaseQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=list(KINDS), required=False, help_text="Only items of this kind (all kinds when left out)."
    )
    ordering = serializers.ChoiceField(
        choices=list(ORDERINGS), required=False, default="date", help_text="date: earliest first; -date: latest first."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """An empty value (`?kind=`) is refused like any other value not in the list (#21 item 14:
        DRF's form input reads it as left out, which the schema does not say)."""
        data = self.initial_data
        empty = [str(name) for name in self.fields if hasattr(data, "get") and data.get(name) == ""]
        if empty:
            message = _("Choose a value or leave the parameter out.")
            raise serializers.ValidationError({name: [message] for name in empty})
        return attrs


class ListQuerySerializer(CaseQuerySerializer):
    window = serializers.ChoiceField(
        choices=list(WINDOWS),
        required=False,
        help_text="Days ahead (14, 30, 60 or 90); default: the window you chose last in the UI, else 14.",
    )
    scope = serializers.ChoiceField(
        choices=list(SCOPES),
        required=False,
        default=Scope.MINE,
        help_text="mine: cases you manage or deputise; visible: every case you may see.",
    )


class MonitoringItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(KINDS))
    object_id = serializers.CharField(help_text="The measure, plan, case (follow-up) or consent id.")
    case = serializers.UUIDField(source="case_id")
    case_reference = serializers.CharField()
    client_name = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField(help_text="Due date, next review, follow-up or end of the consent's validity.")
    days_overdue = serializers.IntegerField(min_value=0)
    days_left = serializers.IntegerField(min_value=0, help_text="Days until the date (0 when today or past).")
    overdue = serializers.BooleanField()
    url = serializers.CharField(help_text="The page (path) where the item is dealt with.")


class MonitoringListSerializer(serializers.Serializer):
    results = MonitoringItemSerializer(many=True)
    next = serializers.CharField(allow_null=True, help_text="Always null: the list is bounded, not paginated.")
    truncated = serializers.BooleanField(help_text="True when more than 500 items were due and the list was cut.")
    window = serializers.IntegerField(help_text="How many days ahead the list looks (14, 30, 60 or 90).")


class CaseloadPersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


class ByPhaseSerializer(serializers.Serializer):
    intake = serializers.IntegerField()
    assessment = serializers.IntegerField()
    planning = serializers.IntegerField()
    monitoring = serializers.IntegerField()
    evaluation = serializers.IntegerField()


class CaseloadRowSerializer(serializers.Serializer):
    case_manager = CaseloadPersonSerializer()
    open = serializers.IntegerField()
    by_phase = ByPhaseSerializer()
    overdue = serializers.IntegerField()


class CaseloadSerializer(serializers.Serializer):
    results = CaseloadRowSerializer(many=True)
