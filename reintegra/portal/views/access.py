"""Who may open which portal page: clients, participants (employer contacts, …), never staff."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.portal.permissions import can_use_portal_as_client, can_use_portal_as_participant


def _refuse(request: HttpRequest, kwargs: dict[str, Any]) -> None:
    """403, and the refused attempt is logged (with the case when the URL names one)."""
    access_log_write(
        user=request.user,
        action=AccessAction.DENIED,
        object_type="portal",
        case_id=str(kwargs.get("case_id", ""))[:64],
        request=request,
        detail=request.path[:255],
    )
    raise PermissionDenied


def client_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (else to the sign-in page) with the client role (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_use_portal_as_client(request.user):
            _refuse(request, kwargs)
        return view(request, *args, **kwargs)

    return wrapped


def participant_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in with a portal account that takes part in cases (employer contact, …), no staff role."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_use_portal_as_participant(request.user):
            _refuse(request, kwargs)
        return view(request, *args, **kwargs)

    return wrapped
