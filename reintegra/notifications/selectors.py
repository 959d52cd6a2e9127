"""Reads of notifications: a person sees only their own; anything else is 404."""

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from reintegra.notifications.models import Notification


def inbox_of(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's in-app notifications, newest first, with the case for its reference."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    queryset = Notification.objects.filter(recipient=user, in_app=True)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset.select_related("case").order_by("-created_at", "-id")


def unread_count(user: Any) -> int:
    """How many in-app notifications the person has not read (0 for anonymous visitors)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def notification_get(*, user: Any, notification_id: Any) -> Notification:
    """One of the person's own in-app notifications; 404 for missing, malformed and other people's alike."""
    try:
        key = uuid.UUID(str(notification_id))
    except (TypeError, ValueError, AttributeError) as exc:
        raise Http404(_("No such notification.")) from exc
    found = inbox_of(user).filter(pk=key).first()
    if found is None:
        raise Http404(_("No such notification."))
    return found


@dataclass
class InboxPage:
    items: list[Notification]
    next_cursor: str | None


def cursor_encode(notification: Notification) -> str:
    raw = f"{notification.created_at.isoformat()}|{notification.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[datetime, uuid.UUID] | None:
    """The (created_at, id) position a cursor names, or None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _sep, key = raw.partition("|")
        at = parse_datetime(stamp)
        if at is None or at.tzinfo is None:
            return None
        return at, uuid.UUID(key)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def inbox_page(user: Any, *, after: str | None = None, unread_only: bool = False, size: int = 25) -> InboxPage:
    """A keyset page (newest first): no OFFSET, no COUNT, stable while new notifications arrive."""
    queryset = inbox_of(user, unread_only=unread_only)
    position = cursor_decode(after) if after else None
    if position is not None:
        at, key = position
        queryset = queryset.filter(Q(created_at__lt=at) | Q(created_at=at, id__lt=key))
    rows = list(queryset[: size + 1])
    next_cursor = cursor_encode(rows[size - 1]) if len(rows) > size else None
    return InboxPage(items=rows[:size], next_cursor=next_cursor)
