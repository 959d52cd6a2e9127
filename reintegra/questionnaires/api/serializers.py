"""Questionnaire API shapes. Serializers validate types only; the services check the meaning."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reintegra.cases.models import PhaseKey
from reintegra.questionnaires.engine import plain_number
from reintegra.questionnaires.models import Band, ItemKind, Questionnaire, RespondentKind, Response


def _enum_field(values: list[str]) -> type[serializers.ChoiceField]:
    """A choice field documented inline, so that its enum does not clash with other apps' "kind" or "phase"."""

    @extend_schema_field({"type": "string", "enum": values})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField


ItemKindField = _enum_field(ItemKind.values)


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(|" + "|".join(PhaseKey.values) + ")$",
        "description": "The case phase a response belongs to: empty or one of " + ", ".join(PhaseKey.values),
    }
)
class PhaseField(serializers.ChoiceField):
    """Documented as a pattern: the same values as the case's phase keys, without a second enum name."""


RespondentKindField = _enum_field(RespondentKind.values)

ANSWERS_HELP = (
    "Item key → value. Single choice: one of the item's option values; number: a number in the item's "
    "range; text: a string."
)


class QuestionnaireOptionSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=300)  # type: ignore[assignment]
    value = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=False)


class QuestionnaireItemSerializer(serializers.Serializer):
    key = serializers.RegexField(r"^[a-z][a-z0-9_]{0,39}$", help_text="Used in the scoring expression.")
    text = serializers.CharField(max_length=2000)
    hint = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    kind = ItemKindField(choices=ItemKind.values)
    required = serializers.BooleanField(required=False, default=True)  # type: ignore[assignment]
    min_value = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True, coerce_to_string=False
    )
    max_value = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True, coerce_to_string=False
    )
    options = QuestionnaireOptionSerializer(many=True, required=False, default=list)


class QuestionnaireBandSerializer(serializers.Serializer):
    key = serializers.RegexField(r"^[a-z0-9][a-z0-9_-]{0,39}$")
    label = serializers.CharField(max_length=200)  # type: ignore[assignment]
    min = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=False, help_text="inclusive")
    max = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        required=False,
        allow_null=True,
        coerce_to_string=False,
        help_text="exclusive; empty: no upper limit",
    )
    action = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class QuestionnaireSerializer(serializers.Serializer):
    """A definition as listed (without items) and as sent to create one (with items and bands)."""

    id = serializers.UUIDField(read_only=True)
    key = serializers.RegexField(r"^[a-z0-9][a-z0-9_-]{0,39}$")
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    licence_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    instrument_version = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    language = serializers.CharField(required=False, default="de", max_length=8)
    phase = PhaseField(choices=["", *PhaseKey.values], required=False, default="")
    scoring = serializers.CharField(
        max_length=2000,
        help_text="Arithmetic over item keys: numbers, + - * /, parentheses, min(), max(), round().",
    )
    shipped = serializers.SerializerMethodField()
    active = serializers.BooleanField(read_only=True)
    version = serializers.IntegerField(read_only=True)

    def get_shipped(self, questionnaire: Questionnaire) -> bool:
        return questionnaire.organisation_id is None


class QuestionnaireDetailSerializer(QuestionnaireSerializer):
    items = QuestionnaireItemSerializer(many=True)
    bands = QuestionnaireBandSerializer(many=True, required=False, default=list)

    def to_representation(self, instance: Questionnaire) -> dict[str, Any]:
        data = dict(QuestionnaireSerializer(instance, context=self.context).data)
        data["items"] = [
            {
                "key": item.key,
                "text": item.text,
                "hint": item.hint,
                "kind": item.kind,
                "required": item.required,
                "min_value": None if item.min_value is None else plain_number(item.min_value),
                "max_value": None if item.max_value is None else plain_number(item.max_value),
                "options": [{"label": o.label, "value": plain_number(o.value)} for o in item.options.all()],
            }
            for item in instance.items.all()
        ]
        data["bands"] = [band_payload(band, full=True) for band in instance.bands.all()]
        return data


def band_payload(band: Band | None, *, full: bool = False) -> dict[str, Any] | None:
    if band is None:
        return None
    data: dict[str, Any] = {"key": band.key, "label": band.label, "action": band.action}
    if full:
        data["min"] = plain_number(band.min_score)
        data["max"] = None if band.max_score is None else plain_number(band.max_score)
    return data


class QuestionnaireRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    key = serializers.CharField()
    name = serializers.CharField()


class QuestionnaireBandRefSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    action = serializers.CharField()


class RespondentRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


@extend_schema_field({"type": "object", "additionalProperties": {"oneOf": [{"type": "number"}, {"type": "string"}]}})
class QuestionnaireAnswersField(serializers.JSONField):
    """Answers are checked by the engine against the definition, not here."""


class QuestionnaireResponseSerializer(serializers.Serializer):
    """A response as returned; the POST body takes `questionnaire` as an id or key."""

    id = serializers.UUIDField(read_only=True)
    questionnaire = serializers.SerializerMethodField()
    answered_on = serializers.DateField()
    respondent_kind = RespondentKindField(choices=RespondentKind.values)
    answered_by = serializers.SerializerMethodField()
    answers = QuestionnaireAnswersField(help_text=ANSWERS_HELP)
    score = serializers.SerializerMethodField()
    band = serializers.SerializerMethodField()
    declined = serializers.BooleanField()
    recorded_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(QuestionnaireRefSerializer)
    def get_questionnaire(self, response: Response) -> dict[str, Any]:
        q = response.questionnaire
        return {"id": str(q.pk), "key": q.key, "name": q.name}

    @extend_schema_field(RespondentRefSerializer(allow_null=True))
    def get_answered_by(self, response: Response) -> dict[str, Any] | None:
        person = response.answered_by
        return None if person is None else {"id": str(person.pk), "display_name": person.display_name}

    @extend_schema_field(RespondentRefSerializer)
    def get_recorded_by(self, response: Response) -> dict[str, Any]:
        return {"id": str(response.recorded_by.pk), "display_name": response.recorded_by.display_name}

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_score(self, response: Response) -> int | float | None:
        return None if response.score is None else plain_number(response.score)

    @extend_schema_field(QuestionnaireBandRefSerializer(allow_null=True))
    def get_band(self, response: Response) -> dict[str, Any] | None:
        return band_payload(response.band)


class QuestionnaireResponseCreateSerializer(serializers.Serializer):
    questionnaire = serializers.CharField(max_length=64, help_text="The questionnaire's id or key (e.g. wai).")
    answered_on = serializers.DateField()
    answers = QuestionnaireAnswersField(help_text=ANSWERS_HELP)
    respondent_kind = RespondentKindField(choices=RespondentKind.values, required=False, default="client")
    answered_by = serializers.UUIDField(required=False, allow_null=True, help_text="A user of your organisation.")
