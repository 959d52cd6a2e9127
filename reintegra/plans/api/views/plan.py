"""Plan API: schedule, agreement, versions, comparison, history, PDF and timeline."""

from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.core.languages import own_language
from reintegra.plans.api import serializers as s
from reintegra.plans.api.common import (
    PDFRenderer,
    SVGRenderer,
    case_for,
    goal_payload,
    measure_payload,
    user_of,
    version_payload,
    version_summary,
)
from reintegra.plans.models import PlanChange, PlanVersion
from reintegra.plans.pdf import plan_pdf
from reintegra.plans.selectors.plan import (
    change_payload,
    plan_changes,
    plan_compare,
    plan_overview,
    plan_read_log,
    plan_version_get,
    plan_versions,
)
from reintegra.plans.services.plan import plan_agree, plan_schedule_save
from reintegra.plans.timeline import plan_timeline_svg


def plan_payload(case: Any) -> dict[str, Any]:
    overview = plan_overview(case)
    plan = overview.plan
    return {
        "review_interval_weeks": plan.review_interval_weeks,
        "next_review_on": plan.next_review_on,
        "version": plan.version,
        "last_version_number": plan.last_version_number,
        "is_draft": overview.is_draft,
        "changed_since_agreement": {"ids": sorted(overview.draft_ids), "schedule": overview.draft_schedule},
        "currency": overview.currency,
        "goals": [goal_payload(goal) for goal in overview.goals],
        "measures": [measure_payload(case, measure) for measure in overview.measures],
    }


class PlanView(APIView):
    """The current plan: schedule, draft state, goals and measures. PUT sets the review schedule."""

    @extend_schema(responses=s.PlanSerializer)
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        plan_read_log(user=user_of(request), case=case, object_type="plan", request=request)
        return Response(s.PlanSerializer(plan_payload(case)).data)

    @extend_schema(request=s.ScheduleSerializer, responses=s.PlanSerializer)
    def put(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        data = s.ScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan_schedule_save(
            actor=user_of(request),
            case=case,
            version=values["version"],
            review_interval_weeks=values["review_interval_weeks"],
            next_review_on=values.get("next_review_on"),
            change_reason=values.get("change_reason", ""),
        )
        return Response(s.PlanSerializer(plan_payload(case)).data)


class PlanAgreeView(APIView):
    @extend_schema(request=s.AgreeSerializer, responses={201: s.PlanVersionSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        data = s.AgreeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = plan_agree(actor=user_of(request), case=case, **data.validated_data)
        return Response(version_payload(version), status=status.HTTP_201_CREATED)


class PlanVersionListView(GenericAPIView):
    """The agreed versions, newest first."""

    serializer_class = s.PlanVersionListSerializer
    queryset = PlanVersion.objects.none()

    @extend_schema(responses=s.PlanVersionListSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        plan_read_log(user=user_of(request), case=case, object_type="plan_version", request=request)
        page = self.paginate_queryset(plan_versions(case))
        data = [s.PlanVersionListSerializer(version_summary(v)).data for v in page or []]
        return self.get_paginated_response(data)


class PlanVersionDetailView(APIView):
    @extend_schema(responses=s.PlanVersionSerializer, operation_id="v1_cases_plan_version_detail")
    def get(self, request: Request, case_id: Any, number: int) -> Response:
        case = case_for(request, case_id)
        version = plan_version_get(case, number)
        plan_read_log(
            user=user_of(request), case=case, object_type="plan_version", object_id=version.pk, request=request
        )
        return Response(version_payload(version))


class PlanCompareView(APIView):
    """Any two agreed versions, or a version and the current draft, compared field by field."""

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=True, description="An agreed version number"),
            OpenApiParameter("to", str, required=False, description='Another version number or "current"'),
        ],
        responses=s.CompareSerializer,
    )
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        query = s.CompareQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = plan_compare(case, from_number=query.validated_data["from"], to_number=query.validated_data.get("to"))
        plan_read_log(user=user_of(request), case=case, object_type="plan_version", request=request)
        return Response(s.CompareSerializer(result).data)


class PlanChangeListView(GenericAPIView):
    """The history of goals, measures and the schedule: every save with old/new values and reason."""

    serializer_class = s.PlanChangeSerializer
    queryset = PlanChange.objects.none()

    @extend_schema(parameters=[s.ChangesQuerySerializer], responses=s.PlanChangeSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        query = s.ChangesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        plan_read_log(user=user_of(request), case=case, object_type="plan_change", request=request)
        page = self.paginate_queryset(plan_changes(case, object_id=query.validated_data.get("object")))
        return self.get_paginated_response([s.PlanChangeSerializer(change_payload(c)).data for c in page or []])


class PlanPdfView(APIView):
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, case_id: Any) -> HttpResponse:
        return plan_pdf_response(request, case_id)


class PlanTimelineView(APIView):
    renderer_classes = [JSONRenderer, SVGRenderer]

    @extend_schema(responses={(200, "image/svg+xml"): OpenApiTypes.STR})
    def get(self, request: Request, case_id: Any) -> HttpResponse:
        return plan_timeline_response(request, case_id)


def plan_pdf_response(request: Any, case_id: Any) -> HttpResponse:
    """Shared by the API and the page: the current plan as PDF, in the client's language where it is set
    (it is discussed and signed with them), else the reader's; logged as an export."""
    case = case_for(request, case_id)
    with translation.override(own_language(case.client.language) or translation.get_language()):
        data = plan_pdf(plan_overview(case))
    plan_read_log(user=request.user, case=case, object_type="plan_pdf", request=request, export=True)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{case.reference}.pdf"'
    return response


def plan_timeline_response(request: Any, case_id: Any) -> HttpResponse:
    case = case_for(request, case_id)
    overview = plan_overview(case)
    plan_read_log(user=request.user, case=case, object_type="plan", request=request)
    svg = plan_timeline_svg(goals=overview.goals, measures=overview.measures, today=timezone.localdate())
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
