"""Serializers of the introduce API: they validate shapes only and hand the service its typed payload."""

from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reintegra.accounts.models import Unit, User
from reintegra.introduce import selectors
from reintegra.introduce.api.base import ScopedRelatedField
from reintegra.introduce.models import (
    ActionItem,
    CommunicationRule,
    CyclePhase,
    DocumentTemplate,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    KnowledgePage,
    OfficeHourSession,
    OfficeHourSignup,
    RaciRow,
    ResourceEntry,
    SoarItem,
    Stakeholder,
    Statement,
)
from reintegra.introduce.rendering import markdown_to_html
from reintegra.introduce.services import (
    ActionData,
    InterviewData,
    InterviewQuestionData,
    KnowledgePageData,
    ProjectData,
    RaciRowData,
    ResourceData,
    RuleData,
    SessionData,
    SoarItemData,
    StakeholderData,
    StatementData,
    TemplateData,
)
from reintegra.introduce.services._base import Payload

STAMPS = ["id", "version", "created_at", "updated_at"]
READ_ONLY = ["id", "created_at", "updated_at"]


class VersionedSerializer(serializers.ModelSerializer):
    """Adds `version`: returned always; required on PATCH (a stale one answers 409), ignored on POST."""

    payload_class: ClassVar[type[Payload]]

    version = serializers.IntegerField(
        min_value=0, required=False, help_text="Required on PATCH: the version you read. A stale one gets 409."
    )

    def payload(self) -> Payload:
        """The service's input: the validated values, over the stored ones on PATCH."""
        base = self.payload_class.of(self.instance) if self.instance is not None else None
        return self.payload_class.build(self.validated_data, base=base)


class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


class StageProgressSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    # A plain string, not an enum: the same values as the case phases' status, kept out of
    # the schema's enum components so that the two apps do not collide there.
    status = serializers.CharField(help_text="not_started, in_progress or done")
    percent = serializers.IntegerField()
    summary = serializers.DictField(child=serializers.IntegerField())


class ProjectSerializer(VersionedSerializer):
    payload_class = ProjectData
    unit = ScopedRelatedField(Unit, allow_null=True, required=False)
    participating_units = ScopedRelatedField(Unit, many=True, required=False)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = ImplementationProject
        fields = [
            *STAMPS,
            "title",
            "unit",
            "understanding",
            "scope",
            "scope_note",
            "participating_units",
            "started_on",
            "progress",
        ]
        read_only_fields = READ_ONLY
        validators: list[Any] = []

    @extend_schema_field(StageProgressSerializer(many=True))
    def get_progress(self, project: ImplementationProject) -> list[dict[str, Any]]:
        if not hasattr(project, "n_questions"):
            return []
        return [
            {"stage": p.stage, "label": str(p.label), "status": p.status, "percent": p.percent, "summary": p.summary}
            for p in selectors.project_progress(project)
        ]


class StakeholderSerializer(VersionedSerializer):
    payload_class = StakeholderData
    unit = ScopedRelatedField(Unit, allow_null=True, required=False)

    class Meta:
        model = Stakeholder
        fields = [*STAMPS, "name", "function", "level", "status", "unit", "note"]
        read_only_fields = READ_ONLY


# The case phases as plain keys: the same choice set the other apps publish for "phase",
# so that the OpenAPI schema names it once (labels would make it a different set).
PHASE_KEYS = CyclePhase.values


class ResourceSerializer(VersionedSerializer):
    payload_class = ResourceData
    unit = ScopedRelatedField(Unit, allow_null=True, required=False)
    phase = serializers.ChoiceField(choices=PHASE_KEYS)

    class Meta:
        model = ResourceEntry
        fields = [*STAMPS, "kind", "title", "description", "phase", "unit"]
        read_only_fields = READ_ONLY


class SoarItemSerializer(VersionedSerializer):
    payload_class = SoarItemData
    text = serializers.CharField(max_length=2000)
    author = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()
    voted = serializers.SerializerMethodField()

    class Meta:
        model = SoarItem
        fields = [*STAMPS, "quadrant", "text", "author", "votes", "voted"]
        read_only_fields = READ_ONLY

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_author(self, item: SoarItem) -> dict[str, Any] | None:
        return {"id": item.author.pk, "display_name": item.author.display_name} if item.author else None

    def get_votes(self, item: SoarItem) -> int:
        count = getattr(item, "vote_count", None)
        return int(count) if count is not None else item.votes.count()

    def get_voted(self, item: SoarItem) -> bool:
        voted = getattr(item, "voted", None)
        if voted is not None:
            return bool(voted)
        request = self.context.get("request")
        return bool(request) and item.votes.filter(user_id=request.user.pk).exists()  # type: ignore[union-attr]


class VoteResultSerializer(serializers.Serializer):
    voted = serializers.BooleanField()
    votes = serializers.IntegerField()


class InterviewQuestionSerializer(VersionedSerializer):
    payload_class = InterviewQuestionData

    class Meta:
        model = InterviewQuestion
        fields = [*STAMPS, "text", "position"]
        read_only_fields = READ_ONLY


class InterviewSerializer(VersionedSerializer):
    payload_class = InterviewData
    interviewer = ScopedRelatedField(User, allow_null=True, required=False)
    notes = serializers.CharField(allow_blank=True, required=False, max_length=20000)

    class Meta:
        model = Interview
        fields = [*STAMPS, "interviewee", "conducted_on", "interviewer", "notes"]
        read_only_fields = READ_ONLY


class StatementSerializer(VersionedSerializer):
    payload_class = StatementData
    stage = serializers.CharField(read_only=True)

    class Meta:
        model = Statement
        fields = [*STAMPS, "kind", "stage", "title", "text"]
        read_only_fields = READ_ONLY


class ActionSerializer(VersionedSerializer):
    payload_class = ActionData
    owner = ScopedRelatedField(User, allow_null=True, required=False)

    class Meta:
        model = ActionItem
        fields = [*STAMPS, "title", "owner", "due_on", "status"]
        read_only_fields = READ_ONLY


class RaciRowSerializer(VersionedSerializer):
    payload_class = RaciRowData
    phase = serializers.ChoiceField(choices=PHASE_KEYS)
    assignments = serializers.DictField(
        child=serializers.CharField(),
        help_text="Maps a role key (e.g. case_manager, client) to R, A, C or I; exactly one A.",
    )

    class Meta:
        model = RaciRow
        fields = [*STAMPS, "phase", "activity", "assignments", "position"]
        read_only_fields = READ_ONLY


class TemplateSerializer(VersionedSerializer):
    payload_class = TemplateData

    class Meta:
        model = DocumentTemplate
        fields = [*STAMPS, "kind", "language", "title", "subject", "body", "aims", "data_collected"]
        read_only_fields = READ_ONLY


class RuleSerializer(VersionedSerializer):
    payload_class = RuleData
    template = ScopedRelatedField(DocumentTemplate)
    consent_purpose = serializers.SerializerMethodField()

    class Meta:
        model = CommunicationRule
        fields = [*STAMPS, "event", "recipient", "channel", "template", "active", "note", "consent_purpose"]
        read_only_fields = READ_ONLY
        validators: list[Any] = []

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_consent_purpose(self, rule: CommunicationRule) -> str | None:
        """The consent a case needs before this rule may inform the recipient."""
        return selectors.rule_consent_purpose(rule)


class KnowledgePageSerializer(VersionedSerializer):
    payload_class = KnowledgePageData
    html = serializers.SerializerMethodField()

    class Meta:
        model = KnowledgePage
        fields = [*STAMPS, "title", "body", "html", "in_playbook", "position"]
        read_only_fields = READ_ONLY

    def get_html(self, page: KnowledgePage) -> str:
        """The Markdown rendered and sanitised (no scripts, only http(s) and mailto links)."""
        return markdown_to_html(page.body)


class PlaceholderSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class SessionSerializer(VersionedSerializer):
    payload_class = SessionData
    host = ScopedRelatedField(User, allow_null=True, required=False)
    seats_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = OfficeHourSession
        fields = [
            *STAMPS,
            "title",
            "description",
            "starts_at",
            "duration_minutes",
            "location",
            "online_url",
            "capacity",
            "seats_taken",
            "seats_left",
            "host",
        ]
        read_only_fields = [*READ_ONLY, "seats_taken"]


class SignupSerializer(serializers.ModelSerializer):
    """A sign-up as the host sees it: anonymous questions come without name and e-mail."""

    email = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()

    class Meta:
        model = OfficeHourSignup
        fields = ["id", "created_at", "email", "name", "question", "anonymous", "reminder_sent_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_email(self, signup: OfficeHourSignup) -> str | None:
        return None if signup.anonymous else signup.email

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_name(self, signup: OfficeHourSignup) -> str | None:
        return None if signup.anonymous else signup.name


class SignupRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    question = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    anonymous = serializers.BooleanField(required=False, default=False)


class SignupRequestedSerializer(serializers.Serializer):
    session = serializers.UUIDField()
    detail = serializers.CharField()


class ConfirmRequestSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class ConfirmResultSerializer(serializers.Serializer):
    confirmed = serializers.BooleanField()


class CancelRequestSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class CancelResultSerializer(serializers.Serializer):
    cancelled = serializers.BooleanField()
