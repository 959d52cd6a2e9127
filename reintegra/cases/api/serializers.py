"""Serializers for the case API. Input serializers validate only; output ones shape answers."""

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from reintegra.cases.checklist import all_item_keys, missing_items
from reintegra.cases.models import (
    PHASE_ORDER,
    Case,
    CaseEvent,
    CaseNote,
    CaseStatus,
    ClosureReason,
    CommissioningKind,
    Decision,
    IncapacityPeriod,
    NoteKind,
    Participant,
    ParticipantRole,
    PhaseStatus,
    Satisfaction,
)
from reintegra.cases.selectors import case_phases, incapacity_days_last_12_months


class StrictBooleanField(serializers.BooleanField):
    """Only true/false: no "yes", 1 or "on" from API clients."""

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)
        raise AssertionError  # unreachable: fail() raises


# The languages a client or participant receives letters, PDFs and e-mails in ("": the organisation's).
PERSON_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class PersonRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


class ClientSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    birth_date = serializers.DateField(required=False, allow_null=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    ahv_number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="Optional Swiss social security number (AHV), e.g. 756.1234.5678.97; checked digit included",
    )
    postal_address = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="the address block of letters to the client, one line per line",
    )
    language = serializers.ChoiceField(
        choices=PERSON_LANGUAGES,
        required=False,
        allow_blank=True,
        help_text="letters, PDFs and e-mails to the client in this language; empty: the organisation's (German)",
    )


class ClientPatchSerializer(ClientSerializer):
    first_name = serializers.CharField(max_length=100, required=False)
    last_name = serializers.CharField(max_length=100, required=False)


class CommissioningPartySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CommissioningKind.values)


class PhaseSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=PHASE_ORDER)
    status = serializers.ChoiceField(choices=PhaseStatus.values)
    missing = serializers.ListField(child=serializers.ChoiceField(choices=all_item_keys()))
    override_reason = serializers.CharField(allow_null=True)


class CaseTypeRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    key = serializers.CharField()
    name = serializers.CharField()
    # The field named "label" shadows Field.label only in the type stubs: DRF moves declared fields off the class.
    label = serializers.CharField(  # type: ignore[assignment]
        read_only=True, help_text="the name in the reader's language (Accept-Language)"
    )


class RetentionSerializer(serializers.Serializer):
    """How long closed cases of a type are kept before the daily retention run erases them."""

    after_closure_days = serializers.IntegerField(source="retention_after_closure_days", min_value=0)
    not_admitted_days = serializers.IntegerField(source="retention_not_admitted_days", min_value=0)


class CaseTypeSerializer(CaseTypeRefSerializer):
    outcomes = serializers.ListField(child=serializers.CharField())
    criteria = serializers.ListField(child=serializers.CharField())
    trigger_days = serializers.IntegerField(allow_null=True)
    information_text = serializers.CharField()
    retention = RetentionSerializer(source="*")
    version = serializers.IntegerField()


class CaseTypePatchSerializer(serializers.Serializer):
    """`PATCH /case-types/{id}/` (organisation admins): the retention periods; `version` optional."""

    retention = RetentionSerializer(required=False)
    version = serializers.IntegerField(required=False)


def client_payload(client: Any) -> dict[str, Any]:
    """A case's client as the case representations show it (the serializer and the list's items)."""
    return {
        "id": str(client.pk),
        "first_name": client.first_name,
        "last_name": client.last_name,
        "birth_date": client.birth_date.isoformat() if client.birth_date else None,
        "email": client.email,
        "phone": client.phone,
        "ahv_number": client.ahv_display,
        "postal_address": client.postal_address,
        "language": client.language,
    }


def unit_payload(unit: Any) -> dict[str, str] | None:
    return {"id": str(unit.pk), "name": unit.name} if unit else None


def commissioning_party_payload(case: Case) -> dict[str, str] | None:
    if not case.commissioning_party_name:
        return None
    return {"name": case.commissioning_party_name, "kind": case.commissioning_party_kind}


class CaseSerializer(serializers.ModelSerializer):
    case_type = CaseTypeRefSerializer()
    client = serializers.SerializerMethodField()
    case_manager = PersonRefSerializer()
    deputy = PersonRefSerializer(allow_null=True)
    unit = serializers.SerializerMethodField()
    commissioning_party = serializers.SerializerMethodField()
    phases = serializers.SerializerMethodField()
    incapacity_days_12_months = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "case_type",
            "status",
            "client",
            "case_manager",
            "deputy",
            "unit",
            "summary",
            "commissioning_party",
            "opened_on",
            "closed_on",
            "phases",
            "version",
            "incapacity_days_12_months",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_client(self, case: Case) -> dict[str, Any]:
        return client_payload(case.client)

    def get_unit(self, case: Case) -> dict[str, str] | None:
        return unit_payload(case.unit)

    def get_commissioning_party(self, case: Case) -> dict[str, str] | None:
        return commissioning_party_payload(case)

    def get_phases(self, case: Case) -> list[dict[str, Any]]:
        return [
            {"key": p.key, "status": p.status, "missing": p.missing, "override_reason": p.override_reason}
            for p in case_phases(case)
        ]

    def get_incapacity_days_12_months(self, case: Case) -> int | None:
        if not self.context.get("detail"):
            return None
        return incapacity_days_last_12_months(case, today=timezone.localdate())


# The list's items (`GET /cases/`) are built by hand: the same keys and values as
# `CaseSerializer(context={"detail": False})` (tests/test_api_case_list_items.py compares them for
# the same cases), without DRF's field-by-field machinery, which was a third of the list's Python
# time (docs/performance.md, "Issue 22"). The serializer stays for the schema, the detail and writes.
_DATETIME = serializers.DateTimeField()


def _person(user: Any) -> dict[str, str] | None:
    return {"id": str(user.pk), "display_name": user.display_name} if user is not None else None


def case_list_item(case: Case) -> dict[str, Any]:
    """One case of the API list (fetched with its joined rows and phases, `case_list`)."""
    case_type = case.case_type
    by_key = {phase.key: phase for phase in case.phases.all()}
    phases = []
    for key in PHASE_ORDER:
        phase = by_key.get(key)
        phases.append(
            {
                "key": key,
                "status": phase.status if phase else PhaseStatus.NOT_STARTED.value,
                "missing": missing_items(case, key, stored=True),
                "override_reason": (phase.override_reason or None) if phase else None,
            }
        )
    return {
        "id": str(case.pk),
        "reference": case.reference,
        "case_type": {
            "id": str(case_type.pk),
            "key": case_type.key,
            "name": case_type.name,
            "label": case_type.label,
        },
        "status": case.status,
        "client": client_payload(case.client),
        "case_manager": _person(case.case_manager),
        "deputy": _person(case.deputy),
        "unit": unit_payload(case.unit),
        "summary": case.summary,
        "commissioning_party": commissioning_party_payload(case),
        "opened_on": case.opened_on.isoformat() if case.opened_on else None,
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "phases": phases,
        "version": case.version,
        "incapacity_days_12_months": None,
        "created_at": _DATETIME.to_representation(case.created_at),
        "updated_at": _DATETIME.to_representation(case.updated_at),
    }


class CaseCreateSerializer(serializers.Serializer):
    case_type = serializers.CharField(help_text="key (bem, iv-early, general) or id")
    client = ClientSerializer(required=False)
    client_id = serializers.UUIDField(
        required=False, help_text="an existing client of the organisation: a new case for the same person"
    )
    confirm_new_client = StrictBooleanField(
        required=False, help_text="true: the client is someone else than the possible duplicates reported"
    )
    unit = serializers.UUIDField(required=False, allow_null=True)
    case_manager = serializers.UUIDField(required=False, allow_null=True)
    commissioning_party = CommissioningPartySerializer(required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "client" in attrs and "client_id" in attrs:
            raise serializers.ValidationError({"client_id": ["Send either client or client_id, not both."]})
        if "client" not in attrs and "client_id" not in attrs:
            raise serializers.ValidationError({"client": ["This field is required."]})
        return attrs


class CasePatchSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    client = ClientPatchSerializer(required=False)
    unit = serializers.UUIDField(required=False, allow_null=True)
    case_manager = serializers.UUIDField(required=False)
    deputy = serializers.UUIDField(required=False, allow_null=True)
    commissioning_party = CommissioningPartySerializer(required=False, allow_null=True)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class CaseListQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.values, required=False)
    phase = serializers.ChoiceField(choices=PHASE_ORDER, required=False)
    case_manager = serializers.UUIDField(required=False)
    q = serializers.CharField(required=False, max_length=100, allow_blank=True)


class PhaseCompleteSerializer(serializers.Serializer):
    override_reason = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=5000)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class CriterionAnswerSerializer(serializers.Serializer):
    criterion = serializers.CharField(max_length=500)
    answer = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class IntakeSerializer(serializers.Serializer):
    criteria_met = StrictBooleanField()
    criteria_answers = CriterionAnswerSerializer(many=True, required=False)
    decision = serializers.ChoiceField(choices=Decision.values)
    decision_reason = serializers.CharField(allow_blank=True, max_length=5000)
    client_informed = StrictBooleanField()
    commissioning_party_disclosed = StrictBooleanField(required=False)
    cooperation_agreed = StrictBooleanField()
    deputy = serializers.UUIDField(required=False, allow_null=True)
    version = serializers.IntegerField(min_value=1)


class ParticipantSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=ParticipantRole.values)
    organisation = serializers.CharField(source="organisation_name", required=False, allow_blank=True, max_length=200)
    user = serializers.UUIDField(source="user_id", required=False, allow_null=True)
    invited_at = serializers.SerializerMethodField(help_text="when the newest portal invitation went out (lists)")
    language = serializers.ChoiceField(
        choices=PERSON_LANGUAGES,
        required=False,
        allow_blank=True,
        help_text="letters, PDFs and e-mails to the participant in this language; empty: the organisation's",
    )

    class Meta:
        model = Participant
        fields = [
            "id",
            "role",
            "name",
            "organisation",
            "email",
            "phone",
            "language",
            "user",
            "invited_at",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]

    def get_invited_at(self, participant: Participant) -> str | None:
        value = getattr(participant, "last_invited_at", None)
        return value.isoformat() if value else None


class IncapacitySerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(min_value=1, max_value=100)
    corrections = serializers.SerializerMethodField()

    class Meta:
        model = IncapacityPeriod
        fields = ["id", "start", "end", "percent", "certificate", "version", "corrections", "created_at"]
        read_only_fields = ["id", "version", "corrections", "created_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("end") and attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": [_("The last day must be on or after the first day.")]})
        return attrs

    def get_corrections(self, period: IncapacityPeriod) -> list[dict[str, Any]]:
        """The period's history: what changed, when, by whom and why."""
        return [
            {
                "at": correction.at.isoformat(),
                "by": {"id": str(correction.by.pk), "display_name": correction.by.display_name},
                "reason": correction.reason,
                "old": correction.old,
                "new": correction.new,
            }
            for correction in period.corrections.all()
        ]


class IncapacityPatchSerializer(serializers.Serializer):
    end = serializers.DateField(required=False, allow_null=True)
    percent = serializers.IntegerField(min_value=1, max_value=100, required=False)
    certificate = StrictBooleanField(required=False)
    reason = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(min_value=1)


class ParticipantPatchSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    organisation = serializers.CharField(source="organisation_name", required=False, allow_blank=True, max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    language = serializers.ChoiceField(choices=PERSON_LANGUAGES, required=False, allow_blank=True)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["id", "at", "actor", "kind", "summary", "old", "new"]

    def get_actor(self, event: CaseEvent) -> dict[str, str] | None:
        if event.actor is None:
            return None
        return {"id": str(event.actor.pk), "display_name": event.actor.display_name}


class CloseSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=ClosureReason.values)
    agreed_with_client = StrictBooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    override_reason = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=5000)


class NoteSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=NoteKind.values, required=False)
    text = serializers.CharField(max_length=20000)
    decisions = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    present = serializers.ListField(child=serializers.UUIDField(), required=False, write_only=True)
    occurred_on = serializers.DateField(required=False)
    restricted = StrictBooleanField(required=False)
    author = serializers.SerializerMethodField()
    amendments = serializers.SerializerMethodField()

    class Meta:
        model = CaseNote
        fields = [
            "id",
            "kind",
            "text",
            "decisions",
            "present",
            "occurred_on",
            "restricted",
            "author",
            "amendments",
            "created_at",
        ]
        read_only_fields = ["id", "author", "amendments", "created_at"]

    def get_author(self, note: CaseNote) -> dict[str, str]:
        return {"id": str(note.author.pk), "display_name": note.author.display_name}

    def get_amendments(self, note: CaseNote) -> list[dict[str, Any]]:
        """Oldest first; `previous_text` is the wording before that amendment."""
        return [
            {
                "at": amendment.at.isoformat(),
                "by": {"id": str(amendment.by.pk), "display_name": amendment.by.display_name},
                "reason": amendment.reason,
                "previous_text": amendment.previous_text,
            }
            for amendment in note.amendments.all()
        ]

    def to_representation(self, instance: CaseNote) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["present"] = [str(p.pk) for p in instance.present.all()]
        return data


class NoteAmendSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)
    reason = serializers.CharField(max_length=5000)


class FinalRatingSerializer(serializers.Serializer):
    goal = serializers.UUIDField()
    score = serializers.IntegerField(min_value=-2, max_value=2)


class EvaluationSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=20)
    final_ratings = FinalRatingSerializer(many=True)
    summary = serializers.CharField(max_length=20000, allow_blank=True)
    aftercare_needed = StrictBooleanField()
    follow_up_on = serializers.DateField(required=False, allow_null=True)
    satisfaction = serializers.ChoiceField(choices=Satisfaction.values)
    version = serializers.IntegerField(min_value=1)
    t_score = serializers.FloatField(read_only=True, allow_null=True)


# --- the released representation (portal participants; cases/disclosure.py), for the schema ---------


class ReleasedCaseTypeSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    # The field named "label" shadows Field.label only in the type stubs: DRF moves declared fields off the class.
    label = serializers.CharField(  # type: ignore[assignment]
        read_only=True, help_text="the name in the reader's language (Accept-Language)"
    )


class ReleasedClientSerializer(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class ReleasedMeasureSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField()
    status = serializers.CharField()


class ReleasedGoalSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)


class ReleasedCaseSerializer(serializers.Serializer):
    """What a portal participant (employer contact, …) is shown of a case while a consent releases
    it: `GET /api/v1/cases/` and `/api/v1/cases/{id}/` answer this to them (docs/api.md)."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    case_type = ReleasedCaseTypeSerializer()
    status = serializers.CharField()
    client = ReleasedClientSerializer()
    measures = ReleasedMeasureSerializer(many=True, help_text="The measures this participant is responsible for.")
    goals = ReleasedGoalSerializer(many=True, help_text="The goals of the last agreed plan.")
    outcome = serializers.CharField(allow_null=True)
