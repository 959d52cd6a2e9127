"""Assessment and network-map API: thin views over the selectors and services."""

from typing import Any, cast

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.accounts.models import User
from reintegra.assessments.api import serializers as s
from reintegra.assessments.api.renderers import SVGRenderer
from reintegra.assessments.models import Assessment
from reintegra.assessments.selectors import (
    assessment_get,
    assessment_list,
    assessments_of,
    network_map_read,
    network_nodes,
    network_version,
)
from reintegra.assessments.services import ItemInput, NodeInput, assessment_record, network_map_save
from reintegra.assessments.views.network import network_svg_response
from reintegra.cases.selectors import case_get
from reintegra.core.api.pagination import CursorPagination


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class AssessmentPagination(CursorPagination):
    ordering = ("-date", "-created_at")  # type: ignore[assignment]  # DRF accepts a tuple


class AssessmentListView(GenericAPIView):
    """A case's assessments, newest first; POST records one with its items."""

    serializer_class = s.AssessmentSerializer
    pagination_class = AssessmentPagination
    queryset = Assessment.objects.none()  # for the schema only: reads go through the selectors

    @extend_schema(operation_id="v1_cases_assessments_list", responses=s.AssessmentSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        page = self.paginate_queryset(assessment_list(user=user, case=case, request=request))
        return self.get_paginated_response(s.AssessmentSerializer(page, many=True).data)

    @extend_schema(request=s.AssessmentCreateSerializer, responses={201: s.AssessmentSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        data = s.AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = [
            cast(
                ItemInput,
                {**item, "icf_code": item.get("icf_code") or "", "source_name": item.get("source_name") or ""},
            )
            for item in data.validated_data["items"]
        ]
        assessment = assessment_record(actor=user, case=case, date=data.validated_data["date"], items=items)
        saved = assessments_of(case).get(pk=assessment.pk)
        return Response(s.AssessmentSerializer(saved).data, status=status.HTTP_201_CREATED)


class AssessmentDetailView(APIView):
    @extend_schema(operation_id="v1_cases_assessments_detail", responses=s.AssessmentSerializer)
    def get(self, request: Request, case_id: Any, assessment_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        assessment = assessment_get(user=user, case=case, assessment_id=assessment_id, request=request)
        return Response(s.AssessmentSerializer(assessment).data)


class NetworkMapView(APIView):
    """The network map (ecomap) of a case: GET its nodes and version, PUT the whole map with `version`."""

    @staticmethod
    def _payload(network_map: Any) -> dict[str, Any]:
        return {
            "nodes": [s.NodeSerializer(node).data for node in network_nodes(network_map)],
            "version": network_version(network_map),
        }

    @extend_schema(responses=s.NetworkMapSerializer)
    def get(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        return Response(self._payload(network_map_read(user=user, case=case, request=request)))

    @extend_schema(
        request=s.NetworkMapSerializer,
        responses={
            200: s.NetworkMapSerializer,
            409: OpenApiResponse(description="stale version or closed case"),
        },
    )
    def put(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request)
        data = s.NetworkMapSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        nodes = [
            cast(NodeInput, {**node, "support": node.get("support") or ""}) for node in data.validated_data["nodes"]
        ]
        saved = network_map_save(actor=user, case=case, nodes=nodes, version=data.validated_data["version"])
        return Response(self._payload(saved))


class NetworkMapSVGView(APIView):
    """The network map drawn as SVG (client in the centre, four sectors, three rings)."""

    renderer_classes = [JSONRenderer, SVGRenderer]

    @extend_schema(responses={(200, "image/svg+xml"): OpenApiTypes.STR})
    def get(self, request: Request, case_id: Any) -> Any:
        return network_svg_response(request, case_id)
