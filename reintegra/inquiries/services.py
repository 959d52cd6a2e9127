"""State changes of anonymous inquiries. Public writes carry no actor and store nothing about
the person; staff writes are checked with the app's predicates and logged in the access log.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, CaseType, NoteKind
from reintegra.cases.services.case import case_create
from reintegra.cases.services.notes import note_add
from reintegra.core.exceptions import Conflict
from reintegra.core.permissions import require
from reintegra.core.services import check_version, save_with_version
from reintegra.inquiries import credentials
from reintegra.inquiries.models import MESSAGE_MAX_LENGTH, Inquiry, InquiryMessage, InquiryStatus, Sender
from reintegra.inquiries.permissions import can_open_case_from_inquiry, can_reply_inquiry
from reintegra.inquiries.selectors import OBJECT

NOTE_MAX_LENGTH = 1000
NAME_MAX_LENGTH = 100
CONTACT_MAX_LENGTH = 200
# Markup: a tag such as <script>, </p> or <img …>. "<3" or "< 5000 CHF" are not tags.
# [^<>] stops each attempt at the next "<", so the check stays linear in the text's length.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")


@dataclass(frozen=True)
class InquiryCredentials:
    """What the person needs to come back; exists only in the answer that shows it once."""

    code: str
    passphrase: str


@dataclass(frozen=True)
class Identity:
    """The name a person gives in their thread, with the explicit consent to open a case."""

    first_name: str
    last_name: str
    consent: bool
    contact: str = ""


def _checked_text(text: Any, field: str = "text", *, max_length: int = MESSAGE_MAX_LENGTH) -> str:
    """Plain text of 1..max_length characters, or a ValidationError naming `field`."""
    value = text.strip() if isinstance(text, str) else ""
    if not value:
        raise ValidationError({field: [_("Write your message.")]})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: [
                    _("Use at most %(max)s characters (you wrote %(count)s).")
                    % {"max": max_length, "count": len(value)}
                ]
            }
        )
    if MARKUP.search(value):
        raise ValidationError({field: [_("Write plain text without HTML tags or script (such as <b> or <script>).")]})
    return value


def _log(actor: User, inquiry: Inquiry, action: str, request: Any = None, detail: str = "") -> None:
    access_log_write(
        user=actor, action=action, object_type=OBJECT, object_id=inquiry.pk, request=request, detail=detail
    )


def retention_days() -> int:
    return int(getattr(settings, "REINTEGRA_INQUIRY_RETENTION_DAYS", 90))


def erasure_enqueue(due_at: datetime) -> None:
    """Schedule the erasure run for when this thread falls due (called after commit).

    A backend that cannot defer (ImmediateBackend in tests) gets the task only once it is
    due; the `erase_inquiries` command (cron) is the safety net either way.
    """
    from reintegra.inquiries.tasks import erase_expired_inquiries

    if erase_expired_inquiries.get_backend().supports_defer:
        erase_expired_inquiries.using(run_after=due_at).enqueue()
    elif due_at <= timezone.now():
        erase_expired_inquiries.enqueue()


def _message(inquiry: Inquiry, *, sender: str, text: str, author: User | None = None) -> InquiryMessage:
    message = InquiryMessage.objects.create(inquiry=inquiry, sender=sender, text=text, author=author)
    transaction.on_commit(partial(erasure_enqueue, message.created_at + timedelta(days=retention_days())), robust=True)
    return message


def _touch(inquiry: Inquiry, *, status: str, at: datetime) -> None:
    """Move the thread's status and last-message time on, bumping its version (no lost update)."""
    inquiry.status, inquiry.last_message_at = status, at
    save_with_version(
        inquiry, update_fields=["status", "last_message_at", "updated_at"], expected_version=inquiry.version
    )


@transaction.atomic
def inquiry_create(*, organisation: Organisation, text: str) -> tuple[Inquiry, InquiryCredentials]:
    """A new anonymous thread with its first message; the code and passphrase are returned once."""
    value = _checked_text(text)
    code, passphrase = credentials.code_new(), credentials.passphrase_new()
    now = timezone.now()
    inquiry = Inquiry.objects.create(
        organisation=organisation,
        code_digest=credentials.code_digest(code),
        passphrase_hash=credentials.passphrase_hash(passphrase),
        status=InquiryStatus.OPEN,
        last_message_at=now,
    )
    message = _message(inquiry, sender=Sender.PERSON, text=value)
    Inquiry.objects.filter(pk=inquiry.pk).update(last_message_at=message.created_at)
    inquiry.last_message_at = message.created_at
    _notify_new(inquiry)
    return inquiry, InquiryCredentials(code=code, passphrase=passphrase)


def _notify_new(inquiry: Inquiry) -> None:
    """In-app only, and with nothing of the message in it: a notification is no place for it."""
    from reintegra.inquiries.notifications import KIND
    from reintegra.notifications.models import Channel
    from reintegra.notifications.services import notify

    recipients = User.objects.filter(
        organisation=inquiry.organisation,
        is_active=True,
        memberships__organisation=inquiry.organisation,
        memberships__role__in=(Role.CASE_MANAGER, Role.TEAM_LEAD),
    ).distinct()
    notify(
        recipients=recipients,
        kind=KIND,
        subject="New anonymous inquiry",
        params={"received": "1"},
        link=f"/inquiries/{inquiry.pk}/",
        channels=(Channel.IN_APP,),
        dedupe_key=f"inquiry_new:{inquiry.pk}",
    )


@transaction.atomic
def inquiry_message_add(*, inquiry: Inquiry, text: str) -> InquiryMessage:
    """The person writes back (after proving the thread is theirs with code and passphrase)."""
    value = _checked_text(text)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    message = _message(inquiry, sender=Sender.PERSON, text=value)
    _touch(inquiry, status=InquiryStatus.OPEN, at=message.created_at)
    return message


@transaction.atomic
def inquiry_reply(*, actor: User, inquiry: Inquiry, text: str, request: Any = None) -> InquiryMessage:
    """Case management answers; the thread counts as answered until the person writes again."""
    require(can_reply_inquiry(actor, inquiry), _("Only case managers and team leads answer inquiries."))
    value = _checked_text(text)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    message = _message(inquiry, sender=Sender.CASE_MANAGEMENT, text=value, author=actor)
    _touch(inquiry, status=InquiryStatus.ANSWERED, at=message.created_at)
    _log(actor, inquiry, AccessAction.CHANGE, request, detail="reply")
    return message


@transaction.atomic
def inquiry_note_save(*, actor: User, inquiry: Inquiry, note: str, version: int | None, request: Any = None) -> Inquiry:
    """The short internal note of a thread (never shown to the person); a stale version is refused (409)."""
    require(can_reply_inquiry(actor, inquiry), _("Only case managers and team leads keep notes on inquiries."))
    value = note.strip() if isinstance(note, str) else ""
    if len(value) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": [
                    _("Use at most %(max)s characters (you wrote %(count)s).")
                    % {"max": NOTE_MAX_LENGTH, "count": len(value)}
                ]
            }
        )
    check_version(inquiry, version)
    inquiry.internal_note = value
    save_with_version(inquiry, update_fields=["internal_note", "updated_at"], expected_version=inquiry.version)
    _log(actor, inquiry, AccessAction.CHANGE, request, detail="internal note")
    return inquiry


@transaction.atomic
def inquiry_identify(*, inquiry: Inquiry, identity: Identity) -> Inquiry:
    """The person gives their name and consents to a case being opened; nothing changes without the consent."""
    errors: dict[str, list[str]] = {}
    first, last = (identity.first_name or "").strip(), (identity.last_name or "").strip()
    contact = (identity.contact or "").strip()
    if not first:
        errors["first_name"] = [_("Enter your first name.")]
    if not last:
        errors["last_name"] = [_("Enter your last name.")]
    for field, value, limit in (
        ("first_name", first, NAME_MAX_LENGTH),
        ("last_name", last, NAME_MAX_LENGTH),
        ("contact", contact, CONTACT_MAX_LENGTH),
    ):
        if len(value) > limit:
            errors[field] = [
                _("Use at most %(max)s characters (you wrote %(count)s).") % {"max": limit, "count": len(value)}
            ]
        elif MARKUP.search(value):
            errors[field] = [_("Write plain text without HTML tags or script (such as <b> or <script>).")]
    if identity.consent is not True:
        errors["consent"] = [_("Tick the box to agree that case management may open a case with your name.")]
    if errors:
        raise ValidationError(errors)
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.case_id is not None:
        raise Conflict(_("A case has already been opened from this conversation."))
    inquiry.first_name, inquiry.last_name, inquiry.contact = first, last, contact
    inquiry.consented_at = timezone.now()
    inquiry.status = InquiryStatus.OPEN  # case management has something new to look at
    save_with_version(
        inquiry,
        update_fields=["first_name", "last_name", "contact", "consented_at", "status", "updated_at"],
        expected_version=inquiry.version,
    )
    return inquiry


def _transcript(inquiry: Inquiry, contact: str) -> str:
    """The thread as one contact note, in the product's default language (it is part of the record)."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [str(_("Anonymous first contact, opened as a case with the person's consent."))]
        if contact:
            lines.append(str(_("How to reach the person: %(contact)s")) % {"contact": contact})
        for message in inquiry.messages.all():
            who = _("Person asking") if message.sender == Sender.PERSON else _("Case management")
            when = date_format(timezone.localtime(message.created_at), "DATETIME_FORMAT")
            lines.append(f"\n{when} · {who}:\n{message.text}")
    return "\n".join(lines)


@transaction.atomic
def inquiry_case_open(*, actor: User, inquiry: Inquiry, case_type: CaseType, request: Any = None) -> Case:
    """Open a case for the person who gave their name and consent; the thread is linked and copied in."""
    require(can_open_case_from_inquiry(actor, inquiry), _("Only a case manager opens a case from an inquiry."))
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.case_id is not None:
        raise Conflict(_("A case has already been opened from this conversation."))
    if not inquiry.consented:
        raise Conflict(_("The person has not given their name and consent to open a case yet."))
    if case_type.organisation_id != inquiry.organisation_id:
        raise ValidationError({"case_type": [_("Choose a case type of your organisation.")]})
    case = case_create(
        actor=actor,
        case_type=case_type,
        client={"first_name": inquiry.first_name, "last_name": inquiry.last_name},
    )
    note_add(actor=actor, case=case, text=_transcript(inquiry, inquiry.contact), kind=NoteKind.CONTACT)
    Inquiry.objects.filter(pk=inquiry.pk).update(case=case)
    inquiry.case = case
    _log(actor, inquiry, AccessAction.CHANGE, request, detail=f"case opened: {case.reference}")
    return case


@transaction.atomic
def inquiries_erase_expired(*, now: datetime | None = None) -> int:
    """Erase every thread whose last message is older than the retention period and that did not become a case.

    Idempotent (a second run finds nothing); one `delete` entry per thread in the access log.
    """
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    expired = list(
        Inquiry.objects.filter(case__isnull=True, last_message_at__lt=cutoff).values_list("pk", "organisation_id")
    )
    if not expired:
        return 0
    Inquiry.objects.filter(pk__in=[pk for pk, _org in expired]).delete()
    for pk, organisation_id in expired:
        # No actor (the retention run); the organisation is named in the detail for data protection.
        access_log_write(
            user=None,
            action=AccessAction.DELETE,
            object_type=OBJECT,
            object_id=pk,
            detail=f"retention after {retention_days()} days; organisation {organisation_id}",
        )
    return len(expired)
