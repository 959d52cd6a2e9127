"""Serializers for the access-log API: the query validates, the entry shapes ids and keys only."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.audit.selectors import AccessLogFilters, normalised_case_id


class AccessLogQuerySerializer(serializers.Serializer):
    case = serializers.UUIDField(required=False, help_text="A case id: the entries about that case")
    user = serializers.CharField(required=False, max_length=150, help_text="A user id or a username")
    action = serializers.ChoiceField(choices=AccessAction.values, required=False)
    from_ = serializers.DateField(required=False, help_text="First day (YYYY-MM-DD, organisation's local date)")
    to = serializers.DateField(required=False, help_text="Last day, inclusive (YYYY-MM-DD)")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")  # `from` is a Python keyword
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("from") and attrs.get("to") and attrs["from"] > attrs["to"]:
            raise serializers.ValidationError({"to": [_("The last day must not be before the first day (from).")]})
        return attrs

    def filters(self) -> AccessLogFilters:
        data = self.validated_data
        return AccessLogFilters(
            case=str(data["case"]) if data.get("case") else None,
            user=data.get("user") or None,
            action=data.get("action") or None,
            date_from=data.get("from"),
            date_to=data.get("to"),
        )


class AccessLogUserSerializer(serializers.Serializer):
    id = serializers.CharField()
    username = serializers.CharField()


class AccessLogEntrySerializer(serializers.Serializer):
    """One access: who, what action, which object and case, when. Ids and references only, no case content."""

    # context["references"]: {case id: reference} for the cases of the viewer's organisation on this page.

    id = serializers.UUIDField()
    at = serializers.DateTimeField()
    user = serializers.SerializerMethodField(help_text="null: an anonymous access, or the retention job")
    action = serializers.ChoiceField(choices=AccessAction.values)
    object = serializers.CharField(source="object_type", help_text='e.g. "case", "assessment", "access_log"')
    object_id = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    case_reference = serializers.SerializerMethodField(help_text="Only for cases of your organisation")
    recipient = serializers.SerializerMethodField(help_text="For disclosures: to whom")
    detail = serializers.CharField()

    @extend_schema_field(AccessLogUserSerializer(allow_null=True))
    def get_user(self, entry: AccessLogEntry) -> dict[str, str] | None:
        if not entry.user_id:
            return None
        return {"id": entry.user_id, "username": entry.username}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_object_id(self, entry: AccessLogEntry) -> str | None:
        return entry.object_id or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_case(self, entry: AccessLogEntry) -> str | None:
        return entry.case_id or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_case_reference(self, entry: AccessLogEntry) -> str | None:
        key = normalised_case_id(entry.case_id) if entry.case_id else None
        return self.context.get("references", {}).get(key) if key else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_recipient(self, entry: AccessLogEntry) -> str | None:
        return entry.recipient or None
