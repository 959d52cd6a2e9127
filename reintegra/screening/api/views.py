"""Screening API: import absences, the screening list, invitations and their answers."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.cases.api.serializers import CaseSerializer
from reintegra.cases.api.views import case_payload
from reintegra.cases.selectors import case_get
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.schema import results_envelope
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.screening.api.serializers import (
    HitSerializer,
    ImportResultSerializer,
    ImportSerializer,
    InvitationCreateSerializer,
    InvitationSerializer,
    RespondSerializer,
    ScreeningQuerySerializer,
)
from reintegra.screening.letters import letter_pdf
from reintegra.screening.models import ColumnMapping, Employee, Invitation, ScreeningRule
from reintegra.screening.permissions import (
    can_import_absences,
    can_invite_employee,
    can_respond_invitation,
    can_view_screening,
)
from reintegra.screening.selectors import (
    employee_get,
    invitation_get,
    org_id,
    screening_hits,
    screening_read_log,
)
from reintegra.screening.services.imports import absences_import
from reintegra.screening.services.invitations import invitation_create, invitation_respond

MAX_UPLOAD = 50 * 1024 * 1024  # 50 MB: a million-row CSV fits
# The list in the order a case manager works through it: who crossed a rule first.
HitPagination = cursor_pagination("eligible_since", "id")


def _mapping(request: Request, value: str) -> ColumnMapping | None:
    if not value:
        return None
    found = ColumnMapping.objects.filter(organisation_id=org_id(request.user))
    mapping = found.filter(name=value).first()
    if mapping is None:
        try:
            mapping = found.filter(pk=value).first()
        except Exception:  # noqa: BLE001 - not a UUID: no such mapping
            mapping = None
    if mapping is None:
        raise InvalidInput({"mapping": [_("No saved column mapping of this name.")]})
    return mapping


class AbsenceImportView(APIView):
    """Import absences from a CSV or XLSX file: all or nothing, idempotent."""

    # JSON is accepted only to answer a request without a file with a 400 naming `file`.
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(operation_id="absences_import", request=ImportSerializer, responses=ImportResultSerializer)
    def post(self, request: Request) -> Response:
        require(can_import_absences(request.user), _("Only case managers, team leads and admins import absences."))
        form = ImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        if upload.size > MAX_UPLOAD:
            raise InvalidInput({"file": [_("The file is larger than 50 MB.")]})
        mapping = _mapping(request, form.validated_data.get("mapping", ""))
        result = absences_import(actor=request.user, payload=upload.read(), mapping=mapping)  # type: ignore[arg-type]
        return Response(result.as_dict())


class ScreeningListView(APIView):
    """Who crosses a rule today, has no open case for it and no invitation for it within 365 days."""

    @extend_schema(
        operation_id="screening_list",
        parameters=[ScreeningQuerySerializer],
        responses=results_envelope("HitPage", HitSerializer(many=True)),
    )
    def get(self, request: Request) -> Response:
        require(
            can_view_screening(request.user), _("Only case managers, team leads and admins see the screening list.")
        )
        query = ScreeningQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        hits = screening_hits(
            user=request.user,  # type: ignore[arg-type]
            unit=query.validated_data.get("unit"),
            rule=query.validated_data.get("rule", ""),
        )
        paginator = HitPagination()
        page = paginator.paginate_queryset(hits, request, view=self) or []
        screening_read_log(
            user=request.user, object_type="employee", detail=f"screening list: {len(page)} entries", request=request
        )
        return paginator.get_paginated_response(HitSerializer(page, many=True).data)


def _invitation_payload(request: Request, invitation: Invitation) -> dict[str, Any]:
    url = reverse("api:screening-invitation-letter", args=[invitation.pk])
    return {
        "id": str(invitation.pk),
        "status": invitation.status,
        "invited_on": invitation.invited_on,
        "respond_by": invitation.respond_by,
        "letter_url": request.build_absolute_uri(url),
    }


class InvitationCreateView(APIView):
    """Invite a listed person: the letter is made from the organisation's template, the deadline filled in."""

    @extend_schema(
        operation_id="screening_invitation_create",
        request=InvitationCreateSerializer,
        responses={201: InvitationSerializer},
    )
    def post(self, request: Request) -> Response:
        require(can_invite_employee(request.user), _("Only case managers and team leads send invitations."))
        form = InvitationCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = request.user
        employee: Employee = employee_get(user=user, employee_id=form.validated_data["employee"])  # type: ignore[arg-type]
        rule = ScreeningRule.objects.filter(organisation_id=org_id(user), key=form.validated_data["rule"]).first()
        if rule is None:
            raise InvalidInput({"rule": [_("Choose a rule of your organisation.")]})
        invitation = invitation_create(actor=user, employee=employee, rule=rule)  # type: ignore[arg-type]
        return Response(_invitation_payload(request, invitation), status=status.HTTP_201_CREATED)


class InvitationLetterView(APIView):
    """The invitation letter as PDF (while the invitation is pending or accepted)."""

    @extend_schema(operation_id="screening_invitation_letter", responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, invitation_id: Any) -> HttpResponse:
        invitation = invitation_get(user=request.user, invitation_id=invitation_id)  # type: ignore[arg-type]
        if not invitation.letter:
            raise InvalidInput({"detail": _("The letter is no longer kept: only the answer and its date are.")})
        pdf = letter_pdf(letter=invitation.letter, invitation=invitation)
        screening_read_log(
            user=request.user,
            object_type="employee",
            object_id=invitation.employee_id,
            detail=f"invitation letter {invitation.pk}",
            request=request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="einladung-{invitation.invited_on}.pdf"'
        return response


class InvitationRespondView(APIView):
    """Record the answer: accepted → 201 with the new case; declined or no response → 200."""

    @extend_schema(
        operation_id="screening_invitation_respond",
        request=RespondSerializer,
        responses={200: InvitationSerializer, 201: CaseSerializer},
    )
    def post(self, request: Request, invitation_id: Any) -> Response:
        invitation = invitation_get(user=request.user, invitation_id=invitation_id)  # type: ignore[arg-type]
        require(
            can_respond_invitation(request.user, invitation), _("Only case managers and team leads record answers.")
        )
        form = RespondSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        answer = invitation_respond(actor=request.user, invitation=invitation, answer=form.validated_data["answer"])  # type: ignore[arg-type]
        if answer.case is not None:
            case = case_get(user=request.user, case_id=answer.case.pk, request=request, log=False)  # type: ignore[arg-type]
            return Response(case_payload(case), status=status.HTTP_201_CREATED)
        return Response(_invitation_payload(request, answer.invitation))
