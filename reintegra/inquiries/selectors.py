"""Reads of inquiries. Staff reads are scoped to the reader's organisation and logged."""

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case as When_
from django.db.models import F, IntegerField, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.exceptions import InvalidInput, PermissionDenied
from reintegra.core.permissions import require
from reintegra.inquiries import credentials
from reintegra.inquiries.models import Inquiry, InquiryMessage, InquiryStatus
from reintegra.inquiries.permissions import can_read_inquiries

OBJECT = "inquiry"
INBOX_PAGE_SIZE = 25


def organisation_by_slug(slug: str) -> Organisation:
    """The organisation behind a public address; 404 for an unknown slug."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("No organisation has this address. Please check the link you followed."))
    return organisation


def inquiry_by_credentials(*, code: str, passphrase: str, organisation: Organisation | None = None) -> Inquiry | None:
    """The thread whose code and passphrase these are, or None (same work either way)."""
    inquiry = (
        Inquiry.objects.filter(code_digest=credentials.code_digest(code)).select_related("organisation").first()
        if credentials.code_normalise(code)
        else None
    )
    if organisation is not None and inquiry is not None and inquiry.organisation_id != organisation.pk:
        inquiry = None
    if not credentials.passphrase_matches(passphrase, inquiry.passphrase_hash if inquiry else None):
        return None
    return inquiry


def inquiries_visible_to(user: Any) -> QuerySet[Inquiry]:
    """The choke point for staff: the threads of the reader's organisation (403 for other roles)."""
    require(can_read_inquiries(user), _("Only case managers and team leads read anonymous inquiries."))
    return Inquiry.objects.filter(organisation_id=user.organisation_id)


@dataclass(frozen=True)
class InboxPage:
    """One page of the inbox and the cursor of the next (None on the last page)."""

    items: list[Inquiry]
    next_cursor: str | None


# A thread's place in the inbox: (waiting 0|1, last message, id) — unique, so pages neither repeat nor skip.
InboxPosition = tuple[int, datetime, uuid.UUID]


def inbox_cursor_encode(inquiry: Inquiry) -> str:
    waiting = 0 if inquiry.status == InquiryStatus.OPEN else 1
    raw = f"{waiting}|{inquiry.last_message_at.isoformat()}|{inquiry.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def inbox_cursor_decode(cursor: str) -> InboxPosition | None:
    """The position a cursor names, or None when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        waiting, stamp, key = raw.split("|")
        at = parse_datetime(stamp)
        if waiting not in ("0", "1") or at is None or at.tzinfo is None:
            return None
        return int(waiting), at, uuid.UUID(key)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


# What a list of threads never shows: decrypting it for every row would be wasted work.
_NOT_LISTED = ("internal_note", "first_name", "last_name", "contact")


def _first_messages() -> Prefetch:
    """Each thread's first message only, as `first_messages` (a list of at most one): the threads'
    messages numbered in order per thread, the first kept (only those are decrypted)."""
    number = Window(RowNumber(), partition_by=[F("inquiry_id")], order_by=[F("created_at").asc(), F("pk").asc()])
    first = InquiryMessage.objects.annotate(number=number).filter(number=1)
    return Prefetch("messages", queryset=first, to_attr="first_messages")


def inquiry_inbox(
    *,
    user: Any,
    request: Any = None,
    cursor: str | None = None,
    size: int = INBOX_PAGE_SIZE,
    field: str = "cursor",
    first_message_only: bool = False,
) -> InboxPage:
    """Unanswered threads first, then answered ones; within each, the latest message first, then by id.

    A keyset page on (waiting, last message, id): no OFFSET, no COUNT, and a thread that moves
    (a reply, a new message) while someone pages does not make another one repeat or vanish from
    the pages not yet read. A cursor that is not one of ours is a 400 naming `field`.
    `first_message_only` (the inbox page) loads and decrypts only each thread's first message, as
    `thread.first_messages`; otherwise every message comes with its thread (`thread.messages.all()`).
    """
    waiting = When(status=InquiryStatus.OPEN, then=Value(0))
    threads = (
        inquiries_visible_to(user)
        .defer(*_NOT_LISTED)
        .annotate(waiting=When_(waiting, default=Value(1), output_field=IntegerField()))
        .prefetch_related(_first_messages() if first_message_only else "messages")
        .order_by("waiting", "-last_message_at", "-id")
    )
    if cursor:
        position = inbox_cursor_decode(cursor)
        if position is None:
            raise InvalidInput({field: [_("This page link is not valid. Start again from the first page.")]})
        after_waiting, at, key = position
        threads = threads.filter(
            Q(waiting__gt=after_waiting)
            | Q(waiting=after_waiting, last_message_at__lt=at)
            | Q(waiting=after_waiting, last_message_at=at, id__lt=key)
        )
    rows: list[Inquiry] = list(threads[: size + 1])
    items = rows[:size]
    next_cursor = inbox_cursor_encode(items[-1]) if len(rows) > size else None
    access_log_write(
        user=user, action=AccessAction.READ, object_type=OBJECT, request=request, detail=f"inbox: {len(items)}"
    )
    return InboxPage(items=items, next_cursor=next_cursor)


def inquiry_get(*, user: Any, inquiry_id: Any, request: Any = None, log: bool = True) -> Inquiry:
    """One thread of the reader's organisation; 404 whether it is missing or another organisation's."""
    try:
        inquiry = inquiries_visible_to(user).prefetch_related("messages").get(pk=inquiry_id)
    except (Inquiry.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such inquiry") from exc
    except PermissionDenied:
        raise
    if log:
        access_log_write(user=user, action=AccessAction.READ, object_type=OBJECT, object_id=inquiry.pk, request=request)
    return inquiry


def inquiries_unanswered_count(*, user: Any) -> int | None:
    """How many threads wait for an answer (None for people who do not handle inquiries); no content read."""
    if not can_read_inquiries(user):
        return None
    return Inquiry.objects.filter(organisation_id=user.organisation_id, status=InquiryStatus.OPEN).count()
