"""Survey links and results in the API.

`POST /cases/{id}/survey-invitations/` makes a one-time link (the link is in that answer
only); `GET` lists the case's links without tokens. `GET /questionnaires/{id}/aggregate/`
gives the organisation-wide figures, without personal data.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from reintegra.accounts.models import User
from reintegra.cases.models import CaseType
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.questionnaires.api.serializers import QuestionnaireRefSerializer, RespondentRefSerializer
from reintegra.questionnaires.engine import plain_number
from reintegra.questionnaires.models import InvitationStatus, RespondentKind, SurveyInvitation
from reintegra.questionnaires.permissions import can_see_aggregate
from reintegra.questionnaires.selectors.responses import questionnaire_for_case, questionnaire_get
from reintegra.questionnaires.selectors.surveys import AGGREGATE_REFUSED, Aggregate, aggregate, invitations_read
from reintegra.questionnaires.services.surveys import survey_invite


def _one_of(values: list[str], description: str) -> dict[str, Any]:
    """Documented as a pattern: enums named after common field names ("status") would clash in the schema."""
    return {"type": "string", "pattern": "^(" + "|".join(values) + ")$", "description": description}


STATUS_SCHEMA = _one_of(InvitationStatus.values, "One of: " + ", ".join(InvitationStatus.values))
RESPONDENTS = [RespondentKind.CLIENT.value, RespondentKind.PARTICIPANT.value]


@extend_schema_field(_one_of(RESPONDENTS, "client or participant"))
class InvitationRespondentField(serializers.ChoiceField):
    """Who the link is for."""


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _number(value: Any) -> int | float | None:
    return None if value is None else plain_number(value)


class SurveyParticipantRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class SurveyInvitationSerializer(serializers.Serializer):
    """A survey link as listed: never its token."""

    id = serializers.UUIDField()
    questionnaire = serializers.SerializerMethodField()
    respondent_kind = InvitationRespondentField(choices=RESPONDENTS)
    participant = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    emailed = serializers.BooleanField()
    expires_at = serializers.DateTimeField()
    used_at = serializers.DateTimeField(allow_null=True)
    declined = serializers.BooleanField()
    response = serializers.SerializerMethodField()
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(QuestionnaireRefSerializer)
    def get_questionnaire(self, invitation: SurveyInvitation) -> dict[str, Any]:
        q = invitation.questionnaire
        return {"id": str(q.pk), "key": q.key, "name": q.name}

    @extend_schema_field(SurveyParticipantRefSerializer(allow_null=True))
    def get_participant(self, invitation: SurveyInvitation) -> dict[str, Any] | None:
        p = invitation.participant
        return None if p is None else {"id": str(p.pk), "name": p.name}

    @extend_schema_field(STATUS_SCHEMA)
    def get_status(self, invitation: SurveyInvitation) -> str:
        return invitation.status_at(self.context.get("now") or timezone.now())

    @extend_schema_field({"type": "string", "format": "uuid", "nullable": True})
    def get_response(self, invitation: SurveyInvitation) -> str | None:
        return None if invitation.response_id is None else str(invitation.response_id)

    @extend_schema_field(RespondentRefSerializer)
    def get_created_by(self, invitation: SurveyInvitation) -> dict[str, Any]:
        return {"id": str(invitation.created_by.pk), "display_name": invitation.created_by.display_name}


class SurveyInvitationCreatedSerializer(SurveyInvitationSerializer):
    link = serializers.URLField(help_text="The one-time link. It is in this answer only: hand it over now.")


class SurveyInvitationCreateSerializer(serializers.Serializer):
    questionnaire = serializers.CharField(
        max_length=64, required=False, allow_null=True, help_text="Id or key; default: the satisfaction questionnaire."
    )
    participant = serializers.UUIDField(
        required=False, allow_null=True, help_text="A participant of the case; default: the client."
    )
    send_email = serializers.BooleanField(required=False, default=False)


class SurveyInvitationListView(GenericAPIView):
    """A case's survey links, newest first; make a new one."""

    serializer_class = SurveyInvitationSerializer
    queryset = SurveyInvitation.objects.none()  # for the schema only: reads go through invitations_read()
    ordering = "-created_at"

    @extend_schema(responses=SurveyInvitationSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> ApiResponse:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        page = self.paginate_queryset(invitations_read(user=user, case=case, request=request))
        data = SurveyInvitationSerializer(page, many=True, context={"now": timezone.now()}).data
        return self.get_paginated_response(data)

    @extend_schema(request=SurveyInvitationCreateSerializer, responses={201: SurveyInvitationCreatedSerializer})
    def post(self, request: Request, case_id: Any) -> ApiResponse:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        data = SurveyInvitationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        questionnaire = None
        if values.get("questionnaire"):
            questionnaire = questionnaire_for_case(case=case, value=values["questionnaire"])
            if questionnaire is None:
                raise InvalidInput(
                    {"questionnaire": [_("Unknown questionnaire. Send the id or key of an active one.")]}
                )
        participant = None
        if values.get("participant"):
            participant = case.participants.filter(pk=values["participant"]).first()
            if participant is None:
                raise InvalidInput({"participant": [_("Choose a participant of this case.")]})
        invited = survey_invite(
            actor=user,
            case=case,
            questionnaire=questionnaire,
            participant=participant,
            send_email=values["send_email"],
            request=request,  # type: ignore[arg-type]
        )
        body = dict(SurveyInvitationSerializer(invited.invitation).data)
        body["link"] = invited.link
        return ApiResponse(body, status=status.HTTP_201_CREATED)


class DistributionSerializer(serializers.Serializer):
    value = serializers.FloatField()
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class ItemAggregateSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    answers = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    distribution = DistributionSerializer(many=True)


class AggregateSerializer(serializers.Serializer):
    questionnaire = QuestionnaireRefSerializer()
    sent = serializers.IntegerField(help_text="Links made (a link replaced by a newer one is not counted).")
    answered = serializers.IntegerField(help_text="Responses answered (through a link or recorded by staff).")
    declined = serializers.IntegerField(help_text="Responses declined (through a link or in person).")
    open = serializers.IntegerField(help_text="Links not yet used and not expired.")
    expired = serializers.IntegerField(help_text="Links that expired unused.")
    answered_through_link = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True, help_text="Percent of the links sent that were answered.")
    mean_score = serializers.FloatField(allow_null=True)
    items = ItemAggregateSerializer(many=True)


def aggregate_payload(result: Aggregate) -> dict[str, Any]:
    q = result.questionnaire
    return {
        "questionnaire": {"id": str(q.pk), "key": q.key, "name": q.name},
        "sent": result.sent,
        "answered": result.answered,
        "declined": result.declined,
        "open": result.open,
        "expired": result.expired,
        "answered_through_link": result.answered_through_link,
        "response_rate": _number(result.response_rate),
        "mean_score": _number(result.mean_score),
        "items": [
            {
                "key": item.key,
                "text": item.text,
                "answers": item.answers,
                "mean": _number(item.mean),
                "distribution": [
                    {"value": plain_number(d["value"]), "label": d["label"], "count": d["count"]}
                    for d in item.distribution
                ],
            }
            for item in result.items
        ],
    }


class AggregateQuerySerializer(serializers.Serializer):
    case_type = serializers.CharField(required=False, max_length=64)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise serializers.ValidationError({"date_to": [_("The end date must be on or after the start date.")]})
        return attrs


class QuestionnaireAggregateView(APIView):
    """Counts, means and distributions across the organisation's cases (case managers, team leads, admins)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("case_type", str, description="A case type's key or id."),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="From this day (inclusive)."),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="Up to this day (inclusive)."),
        ],
        responses=AggregateSerializer,
    )
    def get(self, request: Request, questionnaire_id: Any) -> ApiResponse:
        user = _user(request)
        questionnaire = questionnaire_get(user=user, questionnaire_id=questionnaire_id)
        require(can_see_aggregate(user), AGGREGATE_REFUSED)
        query = AggregateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        case_type = None
        if values.get("case_type"):
            types = CaseType.objects.filter(organisation=user.organisation)
            case_type = types.filter(key=values["case_type"]).first()
            if case_type is None:
                try:
                    case_type = types.filter(pk=values["case_type"]).first()
                except (ValueError, TypeError, ValidationError):  # not a UUID
                    case_type = None
            if case_type is None:
                raise InvalidInput({"case_type": [_("Unknown case type. Send the key or id of one of yours.")]})
        result = aggregate(
            user=user,
            questionnaire=questionnaire,
            case_type=case_type,
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
        )
        return ApiResponse(aggregate_payload(result))
