"""Consent API: record, list, withdraw, upload and fetch a scan."""

from typing import Any

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Participant
from reintegra.cases.selectors import case_get
from reintegra.consents.api.serializers import ConsentSerializer, ScanUploadSerializer, WithdrawSerializer
from reintegra.consents.models import Consent
from reintegra.consents.permissions import can_attach_consent_scan, can_record_consent, can_withdraw_consent
from reintegra.consents.selectors import consents_of
from reintegra.consents.services import consent_record, consent_scan_attach, consent_withdraw
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.permissions import allowed_on
from reintegra.core.exceptions import InvalidInput


class ConsentListView(GenericAPIView):
    serializer_class = ConsentSerializer
    pagination_class = cursor_pagination("-given_on", "-created_at")
    permission_classes = [IsAuthenticated, allowed_on(can_record_consent)]  # asked of the case, for POST

    def get(self, request: Request, case_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        page = self.paginate_queryset(consents_of(case))
        return self.get_paginated_response(ConsentSerializer(page, many=True).data)

    @extend_schema(request=ConsentSerializer, responses={201: ConsentSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = request.user
        case = case_get(user=user, case_id=case_id, request=request)  # type: ignore[arg-type]
        self.check_object_permissions(request, case)
        data = ConsentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        participant = None
        if values.get("participant_id"):
            participant = Participant.objects.filter(case=case, pk=values["participant_id"]).first()
            if participant is None:
                raise InvalidInput({"participant": [_("Choose a participant of this case.")]})
        consent = consent_record(
            actor=user,  # type: ignore[arg-type]
            case=case,
            purpose=values["purpose"],
            form=values["form"],
            given_on=values["given_on"],
            participant=participant,
            valid_until=values.get("valid_until"),
            scope=values.get("scope", ""),
        )
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentWithdrawView(APIView):
    permission_classes = [IsAuthenticated, allowed_on(can_withdraw_consent)]

    @extend_schema(request=WithdrawSerializer, responses={200: ConsentSerializer})
    def post(self, request: Request, case_id: Any, consent_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        consent = get_object_or_404(Consent, case=case, pk=consent_id)
        self.check_object_permissions(request, case)
        data = WithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = consent_withdraw(
            actor=request.user,  # type: ignore[arg-type]
            case=case,
            consent=consent,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(ConsentSerializer(consent).data)


class ConsentScanView(APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [IsAuthenticated, allowed_on(can_attach_consent_scan)]  # asked of the case, for POST

    @extend_schema(request={"multipart/form-data": ScanUploadSerializer}, responses={200: ConsentSerializer})
    def post(self, request: Request, case_id: Any, consent_id: Any) -> Response:
        case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
        consent = get_object_or_404(Consent, case=case, pk=consent_id)
        self.check_object_permissions(request, case)
        data = ScanUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = consent_scan_attach(actor=request.user, case=case, consent=consent, scan=data.validated_data["scan"])  # type: ignore[arg-type]
        return Response(ConsentSerializer(consent).data)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, case_id: Any, consent_id: Any) -> FileResponse:
        return consent_scan_response(request, case_id, consent_id)


def consent_scan_response(request: Any, case_id: Any, consent_id: Any) -> FileResponse:
    """Serve a scan only after the case choke point let the person see the case."""
    case = case_get(user=request.user, case_id=case_id, request=request)
    consent = get_object_or_404(Consent, case=case, pk=consent_id)
    if not consent.scan:
        raise Http404(_("No scan."))
    access_log_write(
        user=request.user,
        action=AccessAction.READ,
        object_type="consent_scan",
        object_id=consent.pk,
        case_id=case.pk,
        request=request,
    )
    name = consent.scan.name.rsplit("/", 1)[-1]
    return FileResponse(consent.scan.open("rb"), as_attachment=True, filename=name)
