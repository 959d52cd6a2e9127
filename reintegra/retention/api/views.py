"""Retention API (data-protection role; others 403 before any lookup): the dry run, "run now",
legal holds, early erasure, the held cases and the deletion log."""

from typing import Any, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.permissions import allowed_by
from reintegra.core.api.schema import results_envelope
from reintegra.retention.api import serializers as s
from reintegra.retention.models import Erasure, ErasureKind, LegalHold
from reintegra.retention.permissions import can_manage_retention
from reintegra.retention.selectors import erasures, legal_holds, retention_case_get, retention_due
from reintegra.retention.services import REFUSED, case_erase, legal_hold_release, legal_hold_set, retention_run

DataProtection = allowed_by(can_manage_retention, cast(str, REFUSED))  # lazy: translated per request


def _log_list(request: Request, object_type: str) -> None:
    access_log_write(user=request.user, action=AccessAction.READ, object_type=object_type, request=request._request)


class RetentionDueView(APIView):
    permission_classes = [IsAuthenticated, DataProtection]

    @extend_schema(
        responses=results_envelope("DueCaseList", s.DueCaseSerializer(many=True)),
        description="The cases the next run erases (a dry run).",
    )
    def get(self, request: Request) -> Response:
        due = retention_due(organisation_id=request.user.organisation_id)  # type: ignore[union-attr]
        _log_list(request, "retention_due")
        return Response({"results": s.DueCaseSerializer(due, many=True).data, "next": None})


class RetentionRunView(APIView):
    permission_classes = [IsAuthenticated, DataProtection]

    @extend_schema(request=None, responses=s.RunResultSerializer)
    def post(self, request: Request) -> Response:
        erased = retention_run(actor=request.user, request=request._request)  # type: ignore[arg-type]
        return Response({"erased": len(erased), "results": s.ErasureSerializer(erased, many=True).data})


class LegalHoldListView(GenericAPIView):
    """The organisation's held cases, newest hold first (cursor-paginated)."""

    permission_classes = [IsAuthenticated, DataProtection]
    serializer_class = s.LegalHoldSerializer
    queryset = LegalHold.objects.none()  # for the schema only: reads go through legal_holds()
    pagination_class = cursor_pagination("-created_at", "-id")
    filter_backends: list[Any] = []

    @extend_schema(responses=s.LegalHoldSerializer(many=True))
    def get(self, request: Request) -> Response:
        holds = legal_holds(organisation_id=request.user.organisation_id)  # type: ignore[union-attr]
        page = self.paginate_queryset(holds) or []
        _log_list(request, "legal_hold")
        return self.get_paginated_response(s.LegalHoldSerializer(page, many=True).data)


class ErasureListView(GenericAPIView):
    """The deletion log, newest first (cursor-paginated)."""

    permission_classes = [IsAuthenticated, DataProtection]
    serializer_class = s.ErasureSerializer
    queryset = Erasure.objects.none()  # for the schema only: reads go through erasures()
    pagination_class = cursor_pagination("-erased_at", "-id")
    filter_backends: list[Any] = []

    @extend_schema(responses=s.ErasureSerializer(many=True), description="The deletion log.")
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(erasures(organisation_id=request.user.organisation_id)) or []  # type: ignore[union-attr]
        return self.get_paginated_response(s.ErasureSerializer(page, many=True).data)


class LegalHoldView(APIView):
    permission_classes = [IsAuthenticated, DataProtection]
    closed_case_writes = True  # data-protection actions work on closed cases (cases.middleware)

    @extend_schema(request=s.RetentionReasonSerializer, responses={201: s.LegalHoldSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        case = retention_case_get(user=request.user, case_id=case_id)
        data = s.RetentionReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hold = legal_hold_set(
            actor=request.user,  # type: ignore[arg-type]
            case=case,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(s.LegalHoldSerializer(hold).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: OpenApiResponse(description="The hold was released.")})
    def delete(self, request: Request, case_id: Any) -> Response:
        case = retention_case_get(user=request.user, case_id=case_id)
        legal_hold_release(actor=request.user, case=case, request=request._request)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseEraseView(APIView):
    permission_classes = [IsAuthenticated, DataProtection]
    closed_case_writes = True  # data-protection actions work on closed cases (cases.middleware)

    @extend_schema(
        request=s.RetentionReasonSerializer,
        responses={200: s.ErasureSerializer},
        description="Early erasure of one case on request (data protection, with a reason); "
        "409 `legal_hold` while held.",
    )
    def post(self, request: Request, case_id: Any) -> Response:
        case = retention_case_get(user=request.user, case_id=case_id)
        data = s.RetentionReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        erasure = case_erase(
            actor=request.user,  # type: ignore[arg-type]
            case_id=case.pk,
            kind=ErasureKind.REQUEST,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(s.ErasureSerializer(erasure).data)
