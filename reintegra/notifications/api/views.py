"""Notification API: the signed-in person's own notifications only (others' answer 404)."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.core.api.pagination import cursor_pagination
from reintegra.notifications.api.serializers import (
    NotificationListQuerySerializer,
    NotificationSerializer,
    ReadAllResultSerializer,
    UnreadCountSerializer,
)
from reintegra.notifications.models import Notification
from reintegra.notifications.selectors import inbox_of, notification_get, unread_count
from reintegra.notifications.services import notification_mark_read, notifications_mark_all_read


class NotificationListView(GenericAPIView):
    """My in-app notifications, newest first; `?unread=true` for unread ones only."""

    serializer_class = NotificationSerializer
    pagination_class = cursor_pagination("-created_at", "-id")
    queryset = Notification.objects.none()  # for the schema only: reads go through inbox_of()

    @extend_schema(parameters=[NotificationListQuerySerializer], responses=NotificationSerializer(many=True))
    def get(self, request: Request) -> Response:
        query = NotificationListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        unread = query.validated_data.get("unread")
        notifications = inbox_of(request.user)
        if unread is not None:
            notifications = notifications.filter(read_at__isnull=unread)
        page = self.paginate_queryset(notifications)
        return self.get_paginated_response(NotificationSerializer(page, many=True).data)


class NotificationReadView(APIView):
    """Mark one of my notifications as read (again: no change)."""

    @extend_schema(
        request=None, responses={200: NotificationSerializer, 404: OpenApiResponse(description="Not yours.")}
    )
    def post(self, request: Request, notification_id: Any) -> Response:
        notification = notification_get(user=request.user, notification_id=notification_id)
        notification_mark_read(user=request.user, notification=notification)  # type: ignore[arg-type]
        return Response(NotificationSerializer(notification).data)


class NotificationReadAllView(APIView):
    """Mark all my notifications as read."""

    @extend_schema(request=None, responses={200: ReadAllResultSerializer})
    def post(self, request: Request) -> Response:
        marked = notifications_mark_all_read(user=request.user)  # type: ignore[arg-type]
        return Response({"marked": marked, "unread": unread_count(request.user)})


class UnreadCountView(APIView):
    """How many of my notifications are unread."""

    @extend_schema(responses={200: UnreadCountSerializer})
    def get(self, request: Request) -> Response:
        return Response({"unread": unread_count(request.user)})
