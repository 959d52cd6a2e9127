"""Access-log API: the data-protection role reads its organisation's log; the read is itself logged."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from reintegra.audit.api.serializers import AccessLogEntrySerializer, AccessLogQuerySerializer
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.audit.permissions import can_read_access_log
from reintegra.audit.selectors import access_log_case_references, access_log_list
from reintegra.audit.services import ACCESS_LOG_OBJECT, access_log_denied, access_log_write
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.permissions import allowed_by


class AccessLogReaders(allowed_by(can_read_access_log, "Only the data-protection role may read the access log.")):  # type: ignore[misc]
    """`can_read_access_log`, and a refusal is itself logged."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if super().has_permission(request, view):
            return True
        access_log_denied(user=request.user, request=request._request)
        return False


class AccessLogListView(GenericAPIView):
    """Who read, changed, disclosed, exported or deleted what, newest first (data-protection role only)."""

    serializer_class = AccessLogEntrySerializer
    queryset = AccessLogEntry.objects.none()  # for the schema only: reads go through access_log_list()
    pagination_class = cursor_pagination("-at", "-id")
    filter_backends: list[Any] = []  # the query serializer filters
    permission_classes = [IsAuthenticated, AccessLogReaders]

    @extend_schema(
        parameters=[AccessLogQuerySerializer],
        responses=AccessLogEntrySerializer(many=True),
        description="Data-protection role only (others: 403). Entries of your organisation; "
        "anonymous accesses appear when filtering by a case of your organisation.",
    )
    def get(self, request: Request) -> Response:
        user: Any = request.user
        # An empty parameter (as a form sends it) means "no filter", not a bad value.
        query = AccessLogQuerySerializer(data={k: v for k, v in request.query_params.items() if v != ""})
        query.is_valid(raise_exception=True)
        filters = query.filters()
        page = self.paginate_queryset(access_log_list(viewer=user, filters=filters)) or []
        references = access_log_case_references(viewer=user, case_ids=[entry.case_id for entry in page])
        data = AccessLogEntrySerializer(page, many=True, context={"references": references}).data
        # Logged after the page was read, so a page does not list its own reading.
        access_log_write(
            user=user,
            action=AccessAction.READ,
            object_type=ACCESS_LOG_OBJECT,
            request=request._request,
            detail=filters.describe(),
        )
        return self.get_paginated_response(data)
