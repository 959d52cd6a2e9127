"""Shapes of the screening API (API.md, "Screening from absence data")."""

from typing import Any

from rest_framework import serializers

from reintegra.screening.models import InvitationStatus, ScreeningHit


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()
    mapping = serializers.CharField(required=False, allow_blank=True, help_text="A saved column mapping: id or name.")


class ImportResultSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    new = serializers.IntegerField()
    updated = serializers.IntegerField()
    too_old = serializers.IntegerField()
    rows = serializers.IntegerField()
    employees_new = serializers.IntegerField()
    employees_updated = serializers.IntegerField()


class ScreeningQuerySerializer(serializers.Serializer):
    unit = serializers.UUIDField(required=False)
    rule = serializers.CharField(required=False, allow_blank=True)


class HitSerializer(serializers.Serializer):
    employee = serializers.SerializerMethodField()
    rule = serializers.CharField(source="rule.key")
    eligible_since = serializers.DateField()
    days = serializers.IntegerField()
    reason = serializers.CharField()
    absences = serializers.SerializerMethodField()

    def get_employee(self, hit: ScreeningHit) -> dict[str, Any]:
        employee = hit.employee
        return {
            "id": str(employee.pk),
            "personnel_number": employee.personnel_number,
            "name": employee.name,
            "unit": employee.unit.name if employee.unit is not None else None,
        }

    def get_absences(self, hit: ScreeningHit) -> list[dict[str, Any]]:
        return [{"start": start, "end": end} for start, end in hit.absences]


class InvitationCreateSerializer(serializers.Serializer):
    employee = serializers.UUIDField()
    rule = serializers.CharField()


class InvitationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()
    invited_on = serializers.DateField()
    respond_by = serializers.DateField()
    letter_url = serializers.CharField()


class RespondSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=[c for c, _label in InvitationStatus.choices if c != "pending"])
