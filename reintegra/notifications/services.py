"""Notifying people: validate and store inbox entries idempotently; mark them read.

Other apps call `notify(...)`; the e-mail goes out in the background (django-tasks,
enqueued after the surrounding transaction commits; see `notifications.tasks`, which
stores, sends and delivers). A crashed or lost enqueue is caught up by
`notification_emails_flush`, which the reminder run calls.

Cases are referred to by what this app needs of them (`CaseRef`), never imported: the
cases app depends on notifications, not the other way round.
"""

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.core.permissions import require
from reintegra.notifications.kinds import render_default
from reintegra.notifications.models import Channel, Notification
from reintegra.notifications.permissions import can_read_notification, can_use_inbox
from reintegra.notifications.tasks import notifications_store

KIND_RE = re.compile(r"^[a-z][a-z0-9_.:-]{0,63}$")
# A local path only: no scheme, no host ("//evil"), no backslash tricks, no whitespace.
LINK_RE = re.compile(r"^/(?![/\\])[^\s\\]*$")


class CaseRef(Protocol):
    """What notifications need of a case: its key and its organisation."""

    pk: Any
    organisation_id: Any


def check_common(
    *, kind: str, subject: str, link: str, dedupe_key: str, case: CaseRef | None, people: Sequence[User]
) -> dict[str, list[str]]:
    """Field errors shared by notifications and reminders."""
    errors: dict[str, list[str]] = {}
    if not isinstance(kind, str) or not KIND_RE.match(kind):
        errors["kind"] = ["Use a key of lower-case letters, digits and underscores, for example review_due."]
    if not isinstance(subject, str) or not subject.strip():
        errors["subject"] = ["Enter a subject."]
    elif len(subject) > 200:
        errors["subject"] = ["Use at most 200 characters."]
    if link and (not isinstance(link, str) or len(link) > 500 or not LINK_RE.match(link)):
        errors["link"] = ["Use a path inside Reintegra, for example /cases/…/."]
    if not isinstance(dedupe_key, str) or not dedupe_key.strip():
        errors["dedupe_key"] = ["Name the event (a key), so that it notifies only once."]
    elif len(dedupe_key) > 200:
        errors["dedupe_key"] = ["Use at most 200 characters."]
    if case is not None and any(person.organisation_id != case.organisation_id for person in people):
        errors["recipients"] = ["Every recipient must belong to the case's organisation."]
    return errors


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: str,
    body: str = "",
    case: CaseRef | None = None,
    link: str = "",
    channels: Sequence[str] = (Channel.IN_APP, Channel.EMAIL),
    dedupe_key: str,
    params: dict[str, Any] | None = None,
) -> list[Notification]:
    """Notify each recipient once per `dedupe_key`; return their notifications (new or existing).

    Idempotent: a second call with the same key changes nothing and sends nothing.
    Inactive accounts get nothing. The e-mail (channel "email") is enqueued when the
    surrounding transaction commits; a rolled-back change notifies no one.
    `subject` and `params` must hold no health detail; `body` may hold personal
    detail (it is encrypted at rest and goes into the e-mail's text, never its
    subject line). `link` is a path inside Reintegra.
    """
    people = list({person.pk: person for person in recipients}.values())
    wanted = {str(channel) for channel in channels} if not isinstance(channels, str) else {channels}
    subject, body = render_default(kind, params, subject, body or "")
    errors = check_common(kind=kind, subject=subject, link=link, dedupe_key=dedupe_key, case=case, people=people)
    if not wanted or not wanted <= set(Channel.values):
        errors["channels"] = [f"Choose one or more of: {', '.join(Channel.values)}."]
    if errors:
        raise ValidationError(errors)
    return notifications_store(
        people=people,
        kind=kind,
        subject=subject,
        body=body,
        case=case,
        link=link,
        channels=wanted,
        dedupe_key=dedupe_key,
        params=params or {},
    )


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the person's own notifications as read (reading twice keeps the first time)."""
    require(can_read_notification(user, notification), _("This notification is not yours."))
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now, updated_at=now, version=F("version") + 1
        )
        notification.refresh_from_db(fields=["read_at", "updated_at", "version"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark all of the person's unread in-app notifications as read; returns how many changed."""
    require(can_use_inbox(user))
    now = timezone.now()
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).update(
        read_at=now, updated_at=now, version=F("version") + 1
    )
