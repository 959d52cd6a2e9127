"""Shapes of the anonymous first contact API (API.md, "Anonymous first contact").

Output serializers declare their fields for the OpenAPI schema and build the answer in
`to_representation` (the key `from` is a Python keyword, and no model field maps to it).
"""

from typing import Any

from rest_framework import serializers

from reintegra.inquiries.models import Inquiry, InquiryMessage, Sender

_datetime = serializers.DateTimeField()


class TextSerializer(serializers.Serializer):
    # No length or blank limits here: the service gives the one, translated message for each.
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)


class CredentialsSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Finds the thread; shown once.")
    passphrase = serializers.CharField(help_text="Send it as the X-Passphrase header; shown once.")


class PublicMessageSerializer(serializers.Serializer):
    vars()["from"] = serializers.ChoiceField(choices=["you", "case_management"], read_only=True)
    text = serializers.CharField(read_only=True)
    at = serializers.DateTimeField(read_only=True)

    def to_representation(self, message: InquiryMessage) -> dict[str, Any]:
        return {
            "from": "you" if message.sender == Sender.PERSON else "case_management",
            "text": message.text,
            "at": _datetime.to_representation(message.created_at),
        }


class PublicThreadSerializer(serializers.Serializer):
    messages = PublicMessageSerializer(many=True, read_only=True)
    named = serializers.BooleanField(read_only=True, help_text="The person gave their name and consent.")
    case_opened = serializers.BooleanField(read_only=True)

    def to_representation(self, inquiry: Inquiry) -> dict[str, Any]:
        return {
            "messages": [PublicMessageSerializer(m).data for m in inquiry.messages.all()],
            "named": inquiry.consented,
            "case_opened": inquiry.case_id is not None,
        }


class IdentifySerializer(serializers.Serializer):
    first_name = serializers.CharField(allow_blank=True, trim_whitespace=False)
    last_name = serializers.CharField(allow_blank=True, trim_whitespace=False)
    contact = serializers.CharField(allow_blank=True, required=False, default="", help_text="E-mail or telephone")
    consent = serializers.BooleanField(help_text="true: case management may open a case with this name")


class StaffMessageSerializer(serializers.Serializer):
    vars()["from"] = serializers.ChoiceField(choices=["person", "case_management"], read_only=True)
    text = serializers.CharField(read_only=True)
    at = serializers.DateTimeField(read_only=True)

    def to_representation(self, message: InquiryMessage) -> dict[str, Any]:
        return {"from": message.sender, "text": message.text, "at": _datetime.to_representation(message.created_at)}


class InquiryListItemSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    last_message_at = serializers.DateTimeField(read_only=True)
    status = serializers.ChoiceField(choices=["open", "answered"], read_only=True)
    messages = StaffMessageSerializer(many=True, read_only=True)

    def to_representation(self, inquiry: Inquiry) -> dict[str, Any]:
        return {
            "id": str(inquiry.pk),
            "created_at": _datetime.to_representation(inquiry.created_at),
            "last_message_at": _datetime.to_representation(inquiry.last_message_at),
            "status": inquiry.status,
            "messages": [StaffMessageSerializer(m).data for m in inquiry.messages.all()],
        }


class InquiryListSerializer(serializers.Serializer):
    results = InquiryListItemSerializer(many=True, read_only=True)
    next = serializers.CharField(allow_null=True, read_only=True)


class IdentitySerializer(serializers.Serializer):
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    contact = serializers.CharField(read_only=True)
    consented_at = serializers.DateTimeField(read_only=True)


class InquiryDetailSerializer(InquiryListItemSerializer):
    internal_note = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    identity = IdentitySerializer(read_only=True, allow_null=True, help_text="Only once the person gave it.")
    case = serializers.UUIDField(read_only=True, allow_null=True)

    def to_representation(self, inquiry: Inquiry) -> dict[str, Any]:
        data = super().to_representation(inquiry)
        data["internal_note"] = inquiry.internal_note
        data["version"] = inquiry.version
        data["identity"] = (
            {
                "first_name": inquiry.first_name,
                "last_name": inquiry.last_name,
                "contact": inquiry.contact,
                "consented_at": _datetime.to_representation(inquiry.consented_at),
            }
            if inquiry.consented_at is not None
            else None
        )
        data["case"] = str(inquiry.case_id) if inquiry.case_id else None
        return data


class NoteSerializer(serializers.Serializer):
    internal_note = serializers.CharField(allow_blank=True, trim_whitespace=False)
    version = serializers.IntegerField()


class OpenCaseSerializer(serializers.Serializer):
    case_type = serializers.CharField(help_text="key (bem, iv-early, general) or id")


class OpenCaseResultSerializer(serializers.Serializer):
    case = serializers.UUIDField()
    reference = serializers.CharField()
