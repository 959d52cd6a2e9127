"""Questionnaire API: instruments (list, detail, create) and a case's responses (list, record)."""

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from reintegra.accounts.models import User
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.questionnaires.api import serializers as s
from reintegra.questionnaires.definitions import QuestionnaireDefinition
from reintegra.questionnaires.models import Questionnaire, Response
from reintegra.questionnaires.permissions import can_add_questionnaire
from reintegra.questionnaires.selectors.responses import (
    questionnaire_for_case,
    questionnaire_get,
    questionnaires_for,
    responses_read,
    with_definition,
)
from reintegra.questionnaires.services.responses import questionnaire_create, response_record


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class QuestionnaireListView(GenericAPIView):
    """Shipped instruments and the organisation's own (active ones), for staff."""

    serializer_class = s.QuestionnaireSerializer
    queryset = Questionnaire.objects.none()  # for the schema only: reads go through questionnaires_for()

    @extend_schema(responses=s.QuestionnaireSerializer(many=True))
    def get(self, request: Request) -> ApiResponse:
        page = self.paginate_queryset(questionnaires_for(user=_user(request)))
        return self.get_paginated_response(s.QuestionnaireSerializer(page, many=True).data)

    @extend_schema(request=s.QuestionnaireDetailSerializer, responses={201: s.QuestionnaireDetailSerializer})
    def post(self, request: Request) -> ApiResponse:
        user = _user(request)
        questionnaires_for(user=user)  # staff only (403 otherwise)
        # Asked before the body, with the predicate the service asks.
        require(can_add_questionnaire(user), _("Only organisation admins may add questionnaires."))
        data = s.QuestionnaireDetailSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        questionnaire = questionnaire_create(actor=user, definition=cast(QuestionnaireDefinition, data.validated_data))
        created = with_definition(Questionnaire.objects.filter(pk=questionnaire.pk)).get()
        return ApiResponse(s.QuestionnaireDetailSerializer(created).data, status=status.HTTP_201_CREATED)


class QuestionnaireDetailView(APIView):
    @extend_schema(responses=s.QuestionnaireDetailSerializer)
    def get(self, request: Request, questionnaire_id: Any) -> ApiResponse:
        questionnaire = questionnaire_get(user=_user(request), questionnaire_id=questionnaire_id)
        return ApiResponse(s.QuestionnaireDetailSerializer(questionnaire).data)


class ResponseListView(GenericAPIView):
    """A case's questionnaire responses, newest first; record one."""

    serializer_class = s.QuestionnaireResponseSerializer
    queryset = Response.objects.none()  # for the schema only: reads go through responses_read()

    @extend_schema(responses=s.QuestionnaireResponseSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> ApiResponse:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        page = self.paginate_queryset(responses_read(user=user, case=case, request=request))
        return self.get_paginated_response(s.QuestionnaireResponseSerializer(page, many=True).data)

    @extend_schema(request=s.QuestionnaireResponseCreateSerializer, responses={201: s.QuestionnaireResponseSerializer})
    def post(self, request: Request, case_id: Any) -> ApiResponse:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        data = s.QuestionnaireResponseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        questionnaire = questionnaire_for_case(case=case, value=values["questionnaire"])
        if questionnaire is None:
            raise InvalidInput({"questionnaire": [_("Unknown questionnaire. Send the id or key of an active one.")]})
        answered_by = None
        if values.get("answered_by"):
            answered_by = User.objects.filter(pk=values["answered_by"], organisation_id=case.organisation_id).first()
            if answered_by is None:
                raise InvalidInput({"answered_by": [_("Unknown person in your organisation.")]})
        response = response_record(
            actor=user,
            case=case,
            questionnaire=questionnaire,
            answers=values["answers"],
            answered_on=values["answered_on"],
            respondent_kind=values["respondent_kind"],
            answered_by=answered_by,
        )
        return ApiResponse(s.QuestionnaireResponseSerializer(response).data, status=status.HTTP_201_CREATED)
