"""Referral API: propose, list, read, and move a referral along its steps."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.cases.selectors import case_get
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.renderers import PDFRenderer
from reintegra.network.api.serializers.referrals import (
    ReferralInputSerializer,
    ReferralSerializer,
    ReferralTransitionInputSerializer,
)
from reintegra.network.models import Referral
from reintegra.network.permissions import actor_of
from reintegra.network.selectors.referrals import referral_get, referral_letter_response, referrals_of
from reintegra.network.services.referrals import referral_create, referral_transition

CLOSED = OpenApiResponse(description="The case is closed.")


class ReferralListView(GenericAPIView):
    """The case's referrals, newest first."""

    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()  # for the schema only; reads go through the case
    pagination_class = cursor_pagination("-created_at", "-id")

    @extend_schema(responses={200: ReferralSerializer(many=True)})
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        page = self.paginate_queryset(referrals_of(case))
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)

    @extend_schema(request=ReferralInputSerializer, responses={201: ReferralSerializer, 409: CLOSED})
    def post(self, request: Request, case_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        data = ReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data

        referral = referral_create(
            actor=actor_of(request),
            case=case,
            provider_id=values["provider"],
            measure_id=values.get("measure"),
            note=values.get("note", ""),
        )
        referral = referral_get(case=case, referral_id=referral.pk)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralDetailView(GenericAPIView):
    """One referral with its history."""

    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()  # for the schema only; reads go through the case

    def get(self, request: Request, case_id: Any, referral_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        return Response(ReferralSerializer(referral_get(case=case, referral_id=referral_id)).data)


class ReferralTransitionView(GenericAPIView):
    """Move a referral one allowed step; sending needs the client's consent to share with providers."""

    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()  # for the schema only; reads go through the case

    @extend_schema(request=ReferralTransitionInputSerializer, responses={200: ReferralSerializer, 409: CLOSED})
    def post(self, request: Request, case_id: Any, referral_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        referral = referral_get(case=case, referral_id=referral_id)
        data = ReferralTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral_transition(
            actor=actor_of(request),
            case=case,
            referral=referral,
            to=data.validated_data["to"],
            note=data.validated_data.get("note", ""),
        )
        return Response(ReferralSerializer(referral_get(case=case, referral_id=referral_id)).data)


class ReferralLetterView(APIView):
    """The referral letter written when the referral was sent (PDF; 404 before); logged as an export."""

    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, case_id: Any, referral_id: Any) -> HttpResponse:
        case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
        return referral_letter_response(request, case, referral_get(case=case, referral_id=referral_id))
