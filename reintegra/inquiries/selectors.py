"""Reads of inquiries. Staff reads are scoped to the reader's organisation and logged."""

from typing import Any

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.exceptions import PermissionDenied
from reintegra.core.permissions import require
from reintegra.inquiries import credentials
from reintegra.inquiries.models import Inquiry, InquiryStatus
from reintegra.inquiries.permissions import can_read_inquiries

OBJECT = "inquiry"
INBOX_LIMIT = 200


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


def inquiry_inbox(*, user: Any, request: Any = None) -> list[Inquiry]:
    """Unanswered threads first, then answered ones; within each, the latest message first."""
    waiting = When(status=InquiryStatus.OPEN, then=Value(0))
    threads: list[Inquiry] = list(
        inquiries_visible_to(user)
        .annotate(waiting=When_(waiting, default=Value(1), output_field=IntegerField()))
        .prefetch_related("messages")
        .order_by("waiting", "-last_message_at")[:INBOX_LIMIT]
    )
    access_log_write(
        user=user, action=AccessAction.READ, object_type=OBJECT, request=request, detail=f"inbox: {len(threads)}"
    )
    return threads


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
