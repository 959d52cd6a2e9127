"""The access-log writer: the one way entries are made.

Reads are written at once (the person has seen the data, whatever happens next);
changes, disclosures and deletions when the surrounding transaction commits, so a
rolled-back change leaves no entry.
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from reintegra.audit.models import AccessAction, AccessLogEntry


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


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
) -> None:
    """Record one access. `user` may be anonymous (then id and name stay empty)."""
    authenticated = getattr(user, "is_authenticated", False)
    entry = AccessLogEntry(
        at=timezone.now(),
        user_id=str(user.pk) if authenticated else "",
        username=user.get_username() if authenticated else "",
        organisation_id=str(getattr(user, "organisation_id", "") or "") if authenticated else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        case_id=str(case_id or ""),
        recipient=recipient[:255],
        ip_address=client_ip(request),
        detail=detail[:255],
    )
    if action in (AccessAction.READ, AccessAction.DENIED, AccessAction.EXPORT):
        entry.save()
    else:
        transaction.on_commit(entry.save)
