from rest_framework import serializers


class RetentionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=False, trim_whitespace=True)


class DueCaseSerializer(serializers.Serializer):
    case = serializers.CharField(source="case_id")
    reference = serializers.CharField()
    case_type = serializers.CharField(source="case_type_key")
    closed_on = serializers.DateField()
    due_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=["after_closure", "not_admitted", "declined"])


class ErasureSerializer(serializers.Serializer):
    case = serializers.CharField(source="pk")
    reference = serializers.CharField()
    case_type = serializers.CharField(source="case_type_key")
    closed_on = serializers.DateField(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    kind = serializers.CharField()
    reason = serializers.CharField()
    erased_at = serializers.DateTimeField()
    erased_by = serializers.SerializerMethodField()

    def get_erased_by(self, obj: object) -> dict[str, str] | None:
        user = getattr(obj, "erased_by", None)
        return {"id": str(user.pk), "username": user.get_username()} if user is not None else None


class LegalHoldSerializer(serializers.Serializer):
    case = serializers.CharField(source="case_id")
    reference = serializers.CharField(source="case.reference")
    reason = serializers.CharField()
    set_at = serializers.DateTimeField(source="created_at")
    set_by = serializers.SerializerMethodField()

    def get_set_by(self, obj: object) -> dict[str, str]:
        user = obj.set_by  # type: ignore[attr-defined]
        return {"id": str(user.pk), "username": user.get_username()}


class RunResultSerializer(serializers.Serializer):
    erased = serializers.IntegerField()
    results = ErasureSerializer(many=True)
