from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reintegra.notifications.models import Channel, Notification


class CaseRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()


class NotificationSerializer(serializers.Serializer):
    """A notification in the reader's language. Read-only: the API only marks notifications as read."""

    id = serializers.UUIDField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="e.g. consent_expiring, review_due, follow_up_due")
    subject = serializers.CharField(source="display_subject", read_only=True)
    body = serializers.CharField(source="display_body", read_only=True)
    link = serializers.CharField(read_only=True, help_text="A path inside Reintegra, or empty.")
    case = serializers.SerializerMethodField()
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.values), read_only=True)
    unread = serializers.BooleanField(source="is_unread", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(read_only=True, allow_null=True)
    emailed_at = serializers.DateTimeField(read_only=True, allow_null=True)

    @extend_schema_field(CaseRefSerializer(allow_null=True))
    def get_case(self, notification: Notification) -> dict[str, Any] | None:
        if notification.case_id is None:
            return None
        return {"id": str(notification.case_id), "reference": notification.case.reference}  # type: ignore[union-attr]


class NotificationListQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true: only unread; false: only read."
    )


class ReadAllResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were marked as read.")
    unread = serializers.IntegerField()


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
