import base64
import binascii

from django.utils.translation import gettext as _
from rest_framework import serializers

from reintegra.staff.services.roles import ASSIGNABLE_ROLES


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=[str(r) for r in ASSIGNABLE_ROLES])
    unit = serializers.UUIDField(
        required=False, allow_null=True, help_text="A unit of the organisation; empty: organisation-wide."
    )


class RoleOutSerializer(serializers.Serializer):
    role = serializers.CharField()
    unit = serializers.UUIDField(allow_null=True)
    unit_name = serializers.CharField()


class StaffSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.CharField(help_text="Empty when none is on file.")
    is_active = serializers.BooleanField()
    status = serializers.ChoiceField(
        choices=["active", "invited", "deactivated"],
        help_text="invited: has not yet set a password through the invitation; deactivated: can no longer sign in.",
    )
    roles = RoleOutSerializer(many=True)


class StaffCreateSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(help_text="The invitation goes here; no other account may use it.")
    roles = RoleSerializer(many=True)


class StaffUpdateSerializer(serializers.Serializer):
    email = serializers.EmailField(required=False)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    roles = RoleSerializer(many=True, required=False, help_text="Replaces the person's roles.")


class DeactivateSerializer(serializers.Serializer):
    handover_to = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The active case manager who takes over the open cases (required when there are any).",
    )
    reason = serializers.CharField(max_length=1000)


class DeactivatedSerializer(serializers.Serializer):
    moved_cases = serializers.IntegerField()


class StaffReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class StaffDoneSerializer(serializers.Serializer):
    detail = serializers.CharField()


class UnitSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    is_open = serializers.BooleanField()
    closed_at = serializers.DateTimeField(allow_null=True)


class UnitInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)


class UnitCloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class UnitClosedSerializer(serializers.Serializer):
    roles_ended = serializers.IntegerField()


class OrganisationSettingsSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    name = serializers.CharField(max_length=200, required=False)
    slug = serializers.SlugField(max_length=60, required=False, help_text="Used in public addresses, e.g. /k/<slug>/.")
    currency = serializers.ChoiceField(choices=["CHF", "EUR"], required=False)
    timezone = serializers.CharField(max_length=64, required=False, help_text="e.g. Europe/Zurich")
    case_managers_see_unit = serializers.BooleanField(required=False)
    require_second_factor = serializers.BooleanField(required=False)
    postal_address = serializers.CharField(
        required=False, allow_blank=True, help_text="The letterhead's postal address, each part on its own line."
    )
    place = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Letters are dated here, e.g. Zürich."
    )
    logo = serializers.CharField(
        required=False,
        allow_null=True,
        write_only=True,
        help_text="The letterhead's logo: a PNG or JPEG image of at most 512 KB, base64-encoded "
        "(a data: URL is accepted); null removes it.",
    )
    has_logo = serializers.BooleanField(read_only=True)

    def validate_logo(self, value: str | None) -> bytes | None:
        if not value:
            return None
        text = value.split(",", 1)[1] if value.startswith("data:") else value
        try:
            return base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError(_("Send the logo base64-encoded.")) from exc
