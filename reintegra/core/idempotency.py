"""One mechanism against repeated POSTs, for the API and the HTML forms alike (API.md "Idempotency").

- API: a `POST` with `Idempotency-Key: <client-chosen string>` — the same key from the same user
  within 24 hours gets the first answer (same status and body) and changes nothing more. The
  same key with another request (method, path or body) answers `409 idempotency_key_reused`; a
  repeat while the first is still running `409 request_in_progress`.
- HTML forms: `{% csrf_token %}` also renders a one-time `form_token` (core/templatetags/form_token.py).
  A second submit of the same token (a double or triple click, Back and submit again) waits for
  the first one and lands on its result: the same redirect, or the same htmx refresh.

A key is claimed by inserting a row (unique per user and key) before the view runs, so two
parallel repeats cannot both run it; the answer is stored when the first request succeeds and
the row is dropped when it fails (a server error; for forms anything but a redirect or an htmx
refresh, e.g. a refused input the person corrects and sends again, or a file answered in place).
Rows older than 24 hours are ignored and removed.
"""

import hashlib
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.core.exceptions import ConflictCode
from reintegra.core.models import IdempotentRequest

FORM_TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret
HEADER = "Idempotency-Key"
LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 200
FORM_WAIT_SECONDS = 15.0  # how long a repeated form submit waits for the first one to finish
FORM_WAIT_STEP = 0.1


def _fingerprint(request: HttpRequest, *, with_body: bool) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    if with_body:
        digest.update(request.body)
    return digest.hexdigest()


def api_user(request: HttpRequest) -> Any:
    """The user the API will see (token or session), or None: the view then answers 401/403."""
    from rest_framework.exceptions import APIException
    from rest_framework.request import Request
    from rest_framework.settings import api_settings

    classes: list[Any] = list(api_settings.DEFAULT_AUTHENTICATION_CLASSES)
    drf = Request(request, authenticators=[cls() for cls in classes])
    try:
        user = drf.user
    except APIException:
        return None
    return user if getattr(user, "is_authenticated", False) else None


def _claim(user: Any, key: str, fingerprint: str) -> IdempotentRequest | None:
    """Insert the claim and return None, or return the row someone claimed before."""
    now = timezone.now()
    IdempotentRequest.objects.filter(user=user, created_at__lt=now - LIFETIME).delete()
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(user=user, key=key, fingerprint=fingerprint, created_at=now)
    except IntegrityError:
        return IdempotentRequest.objects.filter(user=user, key=key).first()
    return None


def _release(user: Any, key: str) -> None:
    IdempotentRequest.objects.filter(user=user, key=key, done=False).delete()


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        claim = getattr(request, "_idempotency_claim", None)
        if claim is not None:
            self._finish(request, response, *claim)
        return response

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if request.method != "POST":
            return None
        if request.path.startswith("/api/"):
            return self._api(request)
        return self._form(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        claim = getattr(request, "_idempotency_claim", None)
        if claim is not None:
            _release(claim[0], claim[1])
            request._idempotency_claim = None  # type: ignore[attr-defined]

    # The API: Idempotency-Key.
    def _api(self, request: HttpRequest) -> HttpResponse | None:
        key = (request.headers.get(HEADER) or "").strip()
        if not key:
            return None
        if len(key) > MAX_KEY_LENGTH:
            return JsonResponse(
                {"detail": _("The Idempotency-Key is too long (at most %(n)s characters).") % {"n": MAX_KEY_LENGTH}},
                status=400,
            )
        user = api_user(request)
        if user is None:
            return None
        key = f"api:{key}"
        try:
            fingerprint = _fingerprint(request, with_body=True)
        except Exception:  # noqa: BLE001 - a body Django refuses to read (too large): the view answers it
            return None
        earlier = _claim(user, key, fingerprint)
        if earlier is None:
            request._idempotency_claim = (user, key, "api")  # type: ignore[attr-defined]
            return None
        if earlier.fingerprint != fingerprint:
            return JsonResponse(
                {
                    "detail": _("This Idempotency-Key was used for another request."),
                    "code": ConflictCode.IDEMPOTENCY_KEY_REUSED,
                },
                status=409,
            )
        if not earlier.done:
            return JsonResponse(
                {
                    "detail": _("A request with this Idempotency-Key is still being answered. Try again shortly."),
                    "code": ConflictCode.REQUEST_IN_PROGRESS,
                },
                status=409,
            )
        return _replay(earlier)

    # HTML forms: the one-time form token.
    def _form(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        try:
            token = request.POST.get(FORM_TOKEN_FIELD, "")
        except Exception:  # noqa: BLE001 - a body Django refuses to parse: the view answers it
            return None
        if not token or len(token) > MAX_KEY_LENGTH:
            return None
        key = f"form:{token}"
        earlier = _claim(user, key, _fingerprint(request, with_body=False))
        if earlier is None:
            request._idempotency_claim = (user, key, "form")  # type: ignore[attr-defined]
            return None
        waited = 0.0
        while not earlier.done and waited < FORM_WAIT_SECONDS:
            time.sleep(FORM_WAIT_STEP)
            waited += FORM_WAIT_STEP
            refreshed = IdempotentRequest.objects.filter(pk=earlier.pk).first()
            if refreshed is None:  # the first submit failed and let go: this one runs
                return self._form(request)
            earlier = refreshed
        if not earlier.done or earlier.fingerprint != _fingerprint(request, with_body=False):
            return HttpResponseRedirect(request.path)
        return _replay_form(request, earlier)

    def _finish(self, request: HttpRequest, response: HttpResponse, user: Any, key: str, kind: str) -> None:
        if kind == "api":
            keep = response.status_code < 500
        else:
            # A form's result is where it led: a redirect or an htmx refresh/redirect. A page or a
            # file answered in place (an export, a refused input) is not kept: a repeat runs again.
            keep = 300 <= response.status_code < 400 or bool(response.get("HX-Refresh") or response.get("HX-Redirect"))
        if not keep or getattr(response, "streaming", False):
            _release(user, key)
            return
        values: dict[str, Any] = {"done": True, "status": response.status_code}
        if kind == "api":
            values["content_type"] = response.get("Content-Type", "")[:100]
            values["body"] = response.content.decode("utf-8", errors="replace")
        else:
            values["location"] = (response.get("Location") or response.get("HX-Redirect") or "")[:2000]
            values["hx_refresh"] = response.get("HX-Refresh") == "true"
        IdempotentRequest.objects.filter(user=user, key=key).update(**values)


def _replay(earlier: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(
        earlier.body, status=earlier.status, content_type=earlier.content_type or "application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _replay_form(request: HttpRequest, earlier: IdempotentRequest) -> HttpResponse:
    """The first submit's result: its redirect, or its htmx refresh."""
    htmx = request.headers.get("HX-Request") == "true"
    if earlier.hx_refresh and htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    target = earlier.location or request.path
    if htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return HttpResponseRedirect(target)
