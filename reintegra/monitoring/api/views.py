"""Monitoring API: what is due across my cases, and on one case. Bounded lists (at most 500 items)."""

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.cases.permissions import can_read_caseload
from reintegra.cases.selectors import case_get
from reintegra.core.api.permissions import allowed_by
from reintegra.monitoring.api.serializers import (
    CaseloadSerializer,
    CaseQuerySerializer,
    ListQuerySerializer,
    MonitoringItemSerializer,
    MonitoringListSerializer,
)
from reintegra.monitoring.permissions import can_monitor_cases, can_use_calendar
from reintegra.monitoring.selectors import (
    CaseloadRow,
    ItemList,
    case_items,
    caseload,
    monitoring_read_log,
    user_items,
    window_of,
)
from reintegra.monitoring.services import REFUSED as REFUSED_CALENDAR
from reintegra.monitoring.services import calendar_feed_renew, calendar_feed_token, calendar_feed_url

FEED = inline_serializer("CalendarFeed", {"feed_url": serializers.URLField()})

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


class CaseloadView(APIView):
    """The team's caseload: per case manager open cases, cases per phase in progress and overdue items
    (team leads: their units; organisation admins: all). Counts only."""

    permission_classes = [
        IsAuthenticated,
        allowed_by(can_read_caseload, "Only team leads and organisation admins see the team's caseload."),
    ]

    @extend_schema(operation_id="caseload", responses=CaseloadSerializer)
    def get(self, request: Request) -> Response:
        rows = caseload(request.user)  # type: ignore[arg-type]
        monitoring_read_log(user=request.user, request=request, detail=f"caseload rows={len(rows)}")
        return Response({"results": [caseload_payload(row) for row in rows]})


def caseload_payload(row: CaseloadRow) -> dict[str, Any]:
    return {
        "case_manager": {"id": str(row.case_manager_id), "display_name": row.display_name},
        "open": row.open,
        "by_phase": row.by_phase,
        "overdue": row.overdue,
    }


class CalendarView(APIView):
    """`GET /calendar/` → `{feed_url}`: the person's secret `.ics` address (made on first use)."""

    permission_classes = [IsAuthenticated, allowed_by(can_use_calendar, REFUSED_CALENDAR)]

    @extend_schema(operation_id="calendar", responses=FEED)
    def get(self, request: Request) -> Response:
        token = calendar_feed_token(user=request.user)  # type: ignore[arg-type]
        return Response({"feed_url": calendar_feed_url(token, request)})


class CalendarRenewView(APIView):
    """`POST /calendar/renew/` → `{feed_url}`: a new address; the old one answers 404 from now on."""

    permission_classes = [IsAuthenticated, allowed_by(can_use_calendar, REFUSED_CALENDAR)]

    @extend_schema(operation_id="calendar_renew", request=None, responses=FEED)
    def post(self, request: Request) -> Response:
        token = calendar_feed_renew(user=request.user)  # type: ignore[arg-type]
        return Response({"feed_url": calendar_feed_url(token, request)})
