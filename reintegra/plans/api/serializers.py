"""Serializers of the plan API. Input serializers validate shapes; the services check the rest."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from reintegra.plans.api.schema import NamedChoiceField
from reintegra.plans.models import (
    GAS_LEVELS,
    MAX_WEIGHT,
    AgreementForm,
    CostBearer,
    GoalStatus,
    Horizon,
    MeasureStatus,
    Priority,
)

TEXT_MAX = 5000


def choice(values: list[Any], *, name: str, **kwargs: Any) -> serializers.ChoiceField:
    """A choice field with its own enum component name in the schema (see api/schema.py)."""
    return NamedChoiceField(enum_name=name, choices=values, **kwargs)


class StrictKeysSerializer(serializers.Serializer):
    """Refuses keys it does not know (a typo in a GAS level must not pass silently)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {
                        "non_field_errors": [
                            _("Unknown key(s) %(unknown)s: use %(known)s.")
                            % {"unknown": ", ".join(unknown), "known": ", ".join(self.fields)}
                        ]
                    }
                )
        return super().to_internal_value(data)


GasLevelsSerializer = type(
    "GasLevelsSerializer",
    (StrictKeysSerializer,),
    {key: serializers.CharField(max_length=TEXT_MAX, help_text=f"What level {key} looks like") for key in GAS_LEVELS},
)


class ChangeReasonMixin(serializers.Serializer):
    change_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=TEXT_MAX,
        help_text="Why the goal or measure changes. Required once a plan version was agreed.",
    )


SHARED_HELP = (
    "Participants with access by consent see this goal (title and due date only); "
    "the title must then hold no health information"
)


class GoalCreateSerializer(ChangeReasonMixin):
    title = serializers.CharField(max_length=200)
    horizon = choice(Horizon.values, name="PlanGoalHorizonEnum")
    priority = choice(Priority.values, name="PlanGoalPriorityEnum", help_text="1 = highest, 3 = lowest")
    due_date = serializers.DateField()
    indicator = serializers.CharField(max_length=TEXT_MAX, help_text="The measurable criterion (SMART)")
    weight = serializers.IntegerField(min_value=1, max_value=MAX_WEIGHT, required=False, default=1)
    levels = GasLevelsSerializer(help_text="All five GAS levels -2 … 2, each described")
    shared_with_participants = serializers.BooleanField(
        required=False,
        default=False,
        help_text=SHARED_HELP,
    )


class GoalPatchSerializer(ChangeReasonMixin):
    version = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=200, required=False)
    horizon = choice(Horizon.values, name="PlanGoalHorizonEnum", required=False)
    priority = choice(Priority.values, name="PlanGoalPriorityEnum", required=False)
    due_date = serializers.DateField(required=False)
    indicator = serializers.CharField(max_length=TEXT_MAX, required=False)
    weight = serializers.IntegerField(min_value=1, max_value=MAX_WEIGHT, required=False)
    levels = GasLevelsSerializer(required=False)
    status = choice(GoalStatus.values, name="PlanGoalStatusEnum", required=False)
    shared_with_participants = serializers.BooleanField(
        required=False,
        help_text=SHARED_HELP,
    )


class GoalSnapshotSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    horizon = choice(Horizon.values, name="PlanGoalHorizonEnum")
    priority = serializers.IntegerField()
    due_date = serializers.DateField()
    indicator = serializers.CharField()
    weight = serializers.IntegerField()
    levels = GasLevelsSerializer()
    status = choice(GoalStatus.values, name="PlanGoalStatusEnum")
    shared_with_participants = serializers.BooleanField(default=False)


class GoalSerializer(GoalSnapshotSerializer):
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class StepSerializer(serializers.Serializer):
    from_date = serializers.DateField()
    workload_percent = serializers.IntegerField(min_value=1, max_value=100)


def _cost(required: bool = False) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        required=required,
        allow_null=True,
        help_text='Decimal string in the organisation\'s currency, e.g. "1200.00"',
    )


class MeasureInputSerializer(ChangeReasonMixin):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=TEXT_MAX, required=False, allow_blank=True)
    goals = serializers.ListField(child=serializers.UUIDField(), allow_empty=False, help_text="Goal ids of this case")
    responsible = serializers.CharField(
        max_length=64, help_text='"case_manager", "client" or the id of a participant of this case'
    )
    provider = serializers.UUIDField(required=False, allow_null=True, help_text="A provider id of the directory")
    start_date = serializers.DateField(required=False, allow_null=True)
    due_date = serializers.DateField()
    planned_cost = _cost()
    actual_cost = _cost()
    cost_bearer = choice(CostBearer.values, name="PlanCostBearerEnum", required=False, allow_blank=True)
    status = choice(MeasureStatus.values, name="PlanMeasureStatusEnum", required=False)
    resource_person = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="A person from the network map who helps"
    )
    resource_node_id = serializers.CharField(
        max_length=64, required=False, allow_blank=True, help_text="The network-map node id of that person"
    )
    steps = StepSerializer(
        many=True, required=False, help_text="Graded return to work: ascending dates, workload 1–100 %"
    )


class MeasurePatchSerializer(MeasureInputSerializer):
    version = serializers.IntegerField(min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "version":
                field.required = False


class MeasureSnapshotSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    description = serializers.CharField()
    goals = serializers.ListField(child=serializers.UUIDField())
    responsible = serializers.CharField(help_text='"case_manager", "client" or a participant id')
    responsible_label = serializers.CharField()
    provider = serializers.UUIDField(allow_null=True)
    provider_name = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField()
    planned_cost = serializers.CharField(allow_null=True)
    actual_cost = serializers.CharField(allow_null=True)
    cost_bearer = serializers.CharField()
    status = choice(MeasureStatus.values, name="PlanMeasureStatusEnum")
    resource_person = serializers.CharField()
    resource_node_id = serializers.CharField()
    steps = StepSerializer(many=True)


class MeasureSerializer(MeasureSnapshotSerializer):
    currency = serializers.CharField(help_text="CHF or EUR: the organisation's currency")
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ScheduleSerializer(serializers.Serializer):
    review_interval_weeks = serializers.IntegerField(min_value=1, max_value=52, allow_null=True)
    next_review_on = serializers.DateField(
        required=False, allow_null=True, help_text="Default: the interval from today"
    )
    version = serializers.IntegerField(min_value=0, help_text="The plan's version; 0 before it was first written")
    change_reason = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX)


class DraftSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.UUIDField(), help_text="Goals and measures changed or added")
    schedule = serializers.ListField(child=serializers.CharField())


class PlanSerializer(serializers.Serializer):
    review_interval_weeks = serializers.IntegerField(allow_null=True)
    next_review_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()
    last_version_number = serializers.IntegerField(help_text="0 before the first agreement")
    is_draft = serializers.BooleanField(help_text="Changed since the last agreement (or never agreed)")
    changed_since_agreement = DraftSerializer()
    currency = serializers.CharField()
    goals = GoalSerializer(many=True)
    measures = MeasureSerializer(many=True)


class AgreeSerializer(serializers.Serializer):
    agreed_on = serializers.DateField()
    form = choice(AgreementForm.values, name="PlanAgreementFormEnum")
    note = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX)


class PlanPersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


class PlanVersionListSerializer(serializers.Serializer):
    version_number = serializers.IntegerField()
    agreed_on = serializers.DateField()
    form = choice(AgreementForm.values, name="PlanAgreementFormEnum")
    recorded_by = PlanPersonSerializer()
    goal_count = serializers.IntegerField()
    measure_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class PlanVersionSerializer(PlanVersionListSerializer):
    note = serializers.CharField()
    currency = serializers.CharField()
    review_interval_weeks = serializers.IntegerField(allow_null=True)
    next_review_on = serializers.DateField(allow_null=True)
    goals = GoalSnapshotSerializer(many=True)
    measures = MeasureSnapshotSerializer(many=True)


class OldNewSerializer(serializers.Serializer):
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class ItemRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()


class ChangedItemSerializer(ItemRefSerializer):
    # A field named "fields": the serializer metaclass collects it, the `fields` property stays.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=OldNewSerializer(), help_text="Field name (levels as levels.-2 …)"
    )


class ItemDiffSerializer(serializers.Serializer):
    added = ItemRefSerializer(many=True)
    removed = ItemRefSerializer(many=True)
    changed = ChangedItemSerializer(many=True)


class PlanDiffSerializer(serializers.Serializer):
    goals = ItemDiffSerializer()
    measures = ItemDiffSerializer()
    plan = serializers.DictField(child=OldNewSerializer(), help_text="Schedule fields that changed")


class PlanChangeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_null=True)
    object_type = choice(["goal", "measure", "plan"], name="PlanChangeObjectTypeEnum")
    object_id = serializers.UUIDField()
    title = serializers.CharField()
    action = choice(["created", "changed"], name="PlanChangeActionEnum")
    fields = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]
    diff = serializers.DictField(child=OldNewSerializer())
    reason = serializers.CharField()
    after_plan_version = serializers.IntegerField(help_text="The last agreed version when the change was made")


class CompareSerializer(serializers.Serializer):
    from_ = serializers.IntegerField()
    to = serializers.IntegerField(allow_null=True, help_text="null: the current draft")
    diff = PlanDiffSerializer()
    changes = PlanChangeSerializer(many=True, help_text="The changes recorded between the two, with reasons")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class CompareQuerySerializer(serializers.Serializer):
    from_ = serializers.IntegerField(min_value=1, help_text="An agreed version number")
    to = serializers.CharField(required=False, help_text='Another version number, or "current" (default)')

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate_to(self, value: str) -> int | None:
        if value in ("", "current"):
            return None
        if not value.isdigit() or int(value) < 1:
            raise serializers.ValidationError(_('Send a version number or "current".'))
        return int(value)


class ChangesQuerySerializer(serializers.Serializer):
    object = serializers.UUIDField(required=False, help_text="Only the history of this goal or measure")
