"""Portal API: the client's own case, consents, access log and self-ratings; participants' measures.

The same selectors and services as the portal pages. Clients get 403 on participant
routes and the other way round; ids of other clients' or not released data answer 404.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.assessments.models import AssessmentItem
from reintegra.assessments.services import assessment_item_rate_by_client
from reintegra.audit.models import AccessLogEntry
from reintegra.cases.disclosure import disclosed_case_get
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_withdraw_by_client
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.permissions import allowed_by
from reintegra.plans.models import Measure
from reintegra.plans.services.portal import measure_done_by_participant
from reintegra.portal.api import serializers as s
from reintegra.portal.permissions import can_use_portal_as_client, can_use_portal_as_participant
from reintegra.portal.selectors import (
    access_rows,
    client_access_entries,
    client_assessment,
    client_case,
    client_cases,
    client_consent_get,
    client_consents,
    client_item_get,
    client_plan,
    log_read,
    participant_measure_get,
    participant_measures,
)

IsClient = allowed_by(can_use_portal_as_client, "Only clients with a portal account may use this.")
IsPortalParticipant = allowed_by(
    can_use_portal_as_participant, "Only portal participants (employer contacts, …) may use this."
)


class MeView(APIView):
    permission_classes = [IsClient]

    @extend_schema(responses=s.PortalMeSerializer, description="The client's current case: plan goals and measures.")
    def get(self, request: Request) -> Response:
        user: Any = request.user
        case = client_case(user=user, request=request._request)
        data: dict[str, Any] = {"username": user.get_username(), "display_name": user.display_name, "case": None}
        if case is not None:
            plan = client_plan(user=user, case=case, request=request._request)
            data["case"] = {
                "id": case.pk,
                "reference": case.reference,
                "case_type": {"key": case.case_type.key, "name": case.case_type.name, "label": case.case_type.label},
                "status": case.status,
                "case_manager": {"display_name": case.case_manager.display_name},
                "plan_agreed_on": plan.agreed_on,
                "goals": plan.goals,
                "measures": plan.measures,
            }
        return Response(s.PortalMeSerializer(data).data)


class ConsentListView(GenericAPIView):
    permission_classes = [IsClient]
    serializer_class = s.PortalClientConsentSerializer
    queryset = Consent.objects.none()  # for the schema only
    pagination_class = cursor_pagination("-given_on", "-created_at")
    filter_backends: list[Any] = []

    @extend_schema(responses=s.PortalClientConsentSerializer(many=True))
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(client_consents(user=request.user, request=request._request))
        return self.get_paginated_response(s.PortalClientConsentSerializer(page, many=True).data)


class ConsentWithdrawView(APIView):
    permission_classes = [IsClient]

    @extend_schema(request=s.PortalClientWithdrawSerializer, responses=s.PortalClientConsentSerializer)
    def post(self, request: Request, consent_id: Any) -> Response:
        consent = client_consent_get(user=request.user, consent_id=consent_id, request=request._request)
        consent = consent_withdraw_by_client(actor=request.user, consent=consent)  # type: ignore[arg-type]
        return Response(s.PortalClientConsentSerializer(consent).data)


class AccessLogView(GenericAPIView):
    permission_classes = [IsClient]
    serializer_class = s.PortalAccessRowSerializer
    queryset = AccessLogEntry.objects.none()  # for the schema only
    pagination_class = cursor_pagination("-at", "-id")
    filter_backends: list[Any] = []

    @extend_schema(
        responses=s.PortalAccessRowSerializer(many=True),
        description="Who accessed my cases (names and roles, no IP addresses); my own accesses are left out.",
    )
    def get(self, request: Request) -> Response:
        user: Any = request.user
        case_ids = [str(pk) for pk in client_cases(user=user).values_list("pk", flat=True)]
        page = self.paginate_queryset(client_access_entries(user=user, case_ids=case_ids)) or []
        for case_id in case_ids:
            log_read(user, "access_log", case_id, "", request._request)
        return self.get_paginated_response(s.PortalAccessRowSerializer(access_rows(list(page)), many=True).data)


class ItemListView(GenericAPIView):
    permission_classes = [IsClient]
    serializer_class = s.PortalClientItemSerializer
    queryset = AssessmentItem.objects.none()  # for the schema only
    pagination_class = cursor_pagination("position", "created_at")
    filter_backends: list[Any] = []

    @extend_schema(responses=s.PortalClientItemSerializer(many=True), description="Items of my latest assessment.")
    def get(self, request: Request) -> Response:
        user: Any = request.user
        case = client_case(user=user, request=request._request)
        assessment = client_assessment(case=case) if case is not None else None
        items = AssessmentItem.objects.filter(assessment=assessment) if assessment else AssessmentItem.objects.none()
        if assessment is not None and case is not None:
            log_read(user, "assessment", case.pk, assessment.pk, request._request)
        page = self.paginate_queryset(items)
        return self.get_paginated_response(s.PortalClientItemSerializer(page, many=True).data)


class ItemDetailView(APIView):
    permission_classes = [IsClient]

    @extend_schema(responses=s.PortalClientItemSerializer)
    def get(self, request: Request, item_id: Any) -> Response:
        item = client_item_get(user=request.user, item_id=item_id, request=request._request)
        return Response(s.PortalClientItemSerializer(item).data)

    @extend_schema(request=s.PortalClientRatingSerializer, responses=s.PortalClientItemSerializer)
    def patch(self, request: Request, item_id: Any) -> Response:
        item = client_item_get(user=request.user, item_id=item_id, request=request._request)
        data = s.PortalClientRatingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = assessment_item_rate_by_client(
            actor=request.user,  # type: ignore[arg-type]
            item=item,
            client_rating=data.validated_data["client_rating"],
            version=data.validated_data["version"],
        )
        return Response(s.PortalClientItemSerializer(item).data)


class ParticipantMeasureListView(GenericAPIView):
    permission_classes = [IsPortalParticipant]
    serializer_class = s.PortalParticipantMeasureSerializer
    queryset = Measure.objects.none()  # for the schema only
    pagination_class = cursor_pagination("due_date", "created_at")
    filter_backends: list[Any] = []

    @extend_schema(
        responses=s.PortalParticipantMeasureSerializer(many=True),
        description="The measures I am responsible for, on cases released to me today.",
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(participant_measures(user=request.user)) or []
        for case_id in {measure.case_id for measure in page}:
            log_read(request.user, "measure", case_id, "", request._request)
        return self.get_paginated_response(s.PortalParticipantMeasureSerializer(page, many=True).data)


class MeasureDoneView(APIView):
    permission_classes = [IsPortalParticipant]

    @extend_schema(request=s.PortalMeasureDoneSerializer, responses=s.PortalParticipantMeasureSerializer)
    def post(self, request: Request, case_id: Any, measure_id: Any) -> Response:
        case = disclosed_case_get(user=request.user, case_id=case_id, request=request._request)
        measure = participant_measure_get(user=request.user, case=case, measure_id=measure_id, request=request._request)
        data = s.PortalMeasureDoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        measure = measure_done_by_participant(
            actor=request.user,  # type: ignore[arg-type]
            measure=measure,
            note=data.validated_data["note"],
            version=data.validated_data["version"],
        )
        return Response(s.PortalParticipantMeasureSerializer(measure).data)
