"""The access-log writer: the one way entries are made, and the retention purge: the one way they go.

Reads are written at once (the person has seen the data, whatever happens next);
changes, disclosures and deletions when the surrounding transaction commits, so a
rolled-back change leaves no entry.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from reintegra.audit.cases import case_directory
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.audit.routers import AUDIT_DB
from reintegra.core.addresses import client_address

# The log's own object type: reads and exports of the log, and the retention purge.
ACCESS_LOG_OBJECT = "access_log"
# Set on a request (the Django one under a DRF request) once a refusal was logged for it, so
# `RefusalLogMiddleware` logs only the refusals nothing else has.
DENIAL_LOGGED = "_reintegra_denial_logged"
# What the reader's own organisation is told of an attempt on another organisation's case.
FOREIGN_CASE = "case of another organisation"
# What the owning organisation is told of the same attempt.
FOREIGN_READER = "attempt from another organisation"

# Entries are kept at least one year (Swiss DSV Art. 4); no purge may reach into that year.
MINIMUM_RETENTION_DAYS = 365


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return client_address(request) or None


def _entry(
    *,
    user: Any,
    action: str,
    object_type: str,
    object_id: Any = "",
    case_id: Any = "",
    recipient: str = "",
    request: HttpRequest | None = None,
    detail: str = "",
    organisation_id: Any = None,
) -> AccessLogEntry:
    authenticated = getattr(user, "is_authenticated", False)
    if organisation_id is None:
        organisation_id = getattr(user, "organisation_id", "") if authenticated else ""
    return AccessLogEntry(
        at=timezone.now(),
        user_id=str(user.pk) if authenticated else "",
        username=user.get_username() if authenticated else "",
        organisation_id=str(organisation_id or ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        case_id=str(case_id or ""),
        recipient=recipient[:255],
        ip_address=client_ip(request),
        detail=detail[:255],
    )


def access_log_write(
    *,
    user: Any,
    action: str,
    object_type: str,
    object_id: Any = "",
    case_id: Any = "",
    recipient: str = "",
    request: HttpRequest | None = None,
    detail: str = "",
    immediate: bool | None = None,
    organisation_id: Any = None,
) -> None:
    """Record one access. `user` may be anonymous (then id and name stay empty).

    `organisation_id` names the organisation when there is no signed-in user to take it from
    (the retention run's `delete` entries, so that the organisation's log lists them).

    Reads, denials and exports are written at once; changes, disclosures and deletions
    on commit — unless `immediate` says otherwise (a disclosure by showing a page is a read).
    """
    entry = _entry(
        user=user,
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        recipient=recipient,
        request=request,
        detail=detail,
        organisation_id=organisation_id,
    )
    if immediate is None:
        immediate = action in (AccessAction.READ, AccessAction.DENIED, AccessAction.EXPORT)
    if action == AccessAction.DENIED:
        denial_mark(request)
    if immediate:
        entry.save()
    else:
        transaction.on_commit(entry.save)


def denial_mark(request: Any) -> None:
    """Note on the request that its refusal is in the log (see `RefusalLogMiddleware`)."""
    if request is None:
        return
    setattr(getattr(request, "_request", request), DENIAL_LOGGED, True)


def denial_logged(request: HttpRequest) -> bool:
    return bool(getattr(request, DENIAL_LOGGED, False))


def _case_key(case_id: Any) -> str | None:
    try:
        return str(uuid.UUID(str(case_id)))
    except (ValueError, TypeError, AttributeError):
        return None


def access_log_case_denied(
    *,
    user: Any,
    case_id: Any,
    request: HttpRequest | None = None,
    object_type: str = "case",
    object_id: Any = "",
) -> None:
    """A refused look-up of the case `case_id` (404 for missing and not visible alike), logged
    where both organisations may look.

    A case of the reader's own organisation (or no case at all): one `denied` entry with the
    id, in the reader's organisation. A case of another organisation: the reader's organisation
    gets an entry without the foreign id, the owning organisation one with its case id and the
    person who tried — so the owner's auditor sees the attempt and the reader's auditor never
    sees another tenant's ids.
    """
    raw = str(case_id or "")[:64]
    key = _case_key(case_id)
    owner = case_directory().organisation_of(case_id=key) if key else None
    reader = str(getattr(user, "organisation_id", "") or "") if getattr(user, "is_authenticated", False) else ""
    if owner is None or owner == reader:
        access_log_write(
            user=user,
            action=AccessAction.DENIED,
            object_type=object_type,
            object_id=object_id,
            case_id=raw,
            request=request,
        )
        return
    denial_mark(request)
    _entry(user=user, action=AccessAction.DENIED, object_type=object_type, request=request, detail=FOREIGN_CASE).save()
    _entry(
        user=user,
        action=AccessAction.DENIED,
        object_type=object_type,
        object_id=object_id,
        case_id=key,
        request=request,
        detail=FOREIGN_READER,
        organisation_id=owner,
    ).save()


@transaction.atomic(using=AUDIT_DB)
def access_log_purge(*, older_than: datetime) -> int:
    """Delete the entries made before `older_than` and record the purge; returns how many went.

    The only deletion of access-log entries there is (the model and its queryset refuse
    `delete()`): called by the `purge_access_log` retention command alone. `_raw_delete`
    bypasses that refusal on purpose. The purge's own entry is saved in the same
    transaction of the audit database, so the deletion and its record stand or fall together.
    """
    # Compared as local dates, so the hour a daylight-saving change shifts does not matter.
    if timezone.localtime(older_than).date() > timezone.localdate() - timedelta(days=MINIMUM_RETENTION_DAYS):
        raise ValueError(f"Access-log entries are kept at least {MINIMUM_RETENTION_DAYS} days.")
    purged = AccessLogEntry.objects.filter(at__lt=older_than)._raw_delete(AUDIT_DB)
    day = timezone.localtime(older_than).date().isoformat()
    _entry(
        user=None,
        action=AccessAction.DELETE,
        object_type=ACCESS_LOG_OBJECT,
        detail=f"purged {purged} entries older than {day}",
    ).save(using=AUDIT_DB)
    return int(purged)


def access_log_denied(*, user: Any, request: HttpRequest | None) -> None:
    """A signed-in person without the role tried to read the log: that attempt is itself logged."""
    access_log_write(user=user, action=AccessAction.DENIED, object_type=ACCESS_LOG_OBJECT, request=request)
