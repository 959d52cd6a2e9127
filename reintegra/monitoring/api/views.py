"""Monitoring API: what is due across my cases, and on one case. Bounded lists (at most 500 items)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.cases.selectors import case_get
from reintegra.core.api.permissions import allowed_by
from reintegra.monitoring.api.serializers import (
    CaseQuerySerializer,
    ListQuerySerializer,
    MonitoringItemSerializer,
    MonitoringListSerializer,
)
from reintegra.monitoring.permissions import can_monitor_cases
from reintegra.monitoring.selectors import ItemList, case_items, monitoring_read_log, user_items, window_of

# Asked before anything is looked up: the lists are for case workers only (403 for everyone else).
CaseWorkersOnly = allowed_by(can_monitor_cases, "Only case managers and team leads see the monitoring lists.")


def _payload(found: ItemList) -> dict[str, Any]:
    items = [MonitoringItemSerializer(item).data for item in found.items]
    return {"results": items, "next": None, "truncated": found.truncated, "window": found.window}


class MonitoringListView(APIView):
    """Overdue and upcoming measures, reviews, follow-ups and consents across the cases you may see."""

    permission_classes = [IsAuthenticated, CaseWorkersOnly]

    @extend_schema(
        operation_id="monitoring_list",
        parameters=[ListQuerySerializer],
        responses=MonitoringListSerializer,
    )
    def get(self, request: Request) -> Response:
        query = ListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        found = user_items(
            request.user,  # type: ignore[arg-type]
            scope=values["scope"],
            kinds=[values["kind"]] if values.get("kind") else None,
            ordering=values["ordering"],
            window=values.get("window"),
        )
        monitoring_read_log(
            user=request.user,
            request=request,
            detail=(
                f"scope={values['scope']} kind={values.get('kind', 'all')} window={found.window} "
                f"items={len(found.items)}"
            ),
        )
        return Response(_payload(found))


class CaseMonitoringView(APIView):
    """What is due on one case (404 for a case that is missing or not visible)."""

    permission_classes = [IsAuthenticated, CaseWorkersOnly]

    @extend_schema(
        operation_id="cases_monitoring_list",
        parameters=[CaseQuerySerializer],
        responses=MonitoringListSerializer,
    )
    def get(self, request: Request, case_id: Any) -> Response:
        query = CaseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
        found = case_items(
            case,
            kinds=[values["kind"]] if values.get("kind") else None,
            ordering=values["ordering"],
            window=window_of(request.user),  # type: ignore[arg-type]
        )
        monitoring_read_log(user=request.user, request=request, case=case)
        return Response(_payload(found))
