"""Middleware: no-store headers, the 12-hour session limit, and the second-factor gate."""

import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response for a signed-in user and on the API.

    Pages with personal data must not stay in shared or browser caches; static
    files (served earlier by WhiteNoise) are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        return response


class UserLanguageMiddleware:
    """Pages follow the language saved on the account; without one, LocaleMiddleware's choice stands.

    An API request that sends `Accept-Language` is answered in that language (API.md, "Languages").
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        asked = request.path.startswith("/api/") and "HTTP_ACCEPT_LANGUAGE" in request.META
        if language and not asked:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in, however active it was, and keeps an active one alive.

    The idle limit is the cookie's and the session row's expiry (`SESSION_COOKIE_AGE`). Instead of
    saving the session on every request (`SESSION_SAVE_EVERY_REQUEST`: a write transaction per
    page view), an active session is renewed when its last renewal is `SESSION_RENEW_SECONDS`
    old; the idle limit is then between `SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS` and
    `SESSION_COOKIE_AGE`.
    """

    KEY = "_reintegra_session_started"
    RENEWED_KEY = "_reintegra_session_renewed"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session = request.session
            now = int(time.time())
            started = session.setdefault(self.KEY, now)
            if now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
            elif now - int(session.get(self.RENEWED_KEY, 0)) >= settings.SESSION_RENEW_SECONDS:
                session[self.RENEWED_KEY] = now  # modified: saved with a new expiry, cookie sent anew
        return self.get_response(request)


SECOND_FACTOR_KEY = "_reintegra_has_second_factor"


class SecondFactorMiddleware:
    """Until the second factor is entered (or set up where required), only the sign-in pages open."""

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from reintegra.accounts.second_factor import has_second_factor, is_verified, must_set_up_second_factor

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.EXEMPT_PREFIXES):
            return self.get_response(request)
        # Whether the person has a device is asked once per session (set up anew after a set-up).
        if SECOND_FACTOR_KEY not in request.session:
            request.session[SECOND_FACTOR_KEY] = has_second_factor(user)
        if request.session[SECOND_FACTOR_KEY] and not is_verified(user):
            return self._refuse(request, "accounts:otp_verify", "Enter the code of your second factor first.")
        if must_set_up_second_factor(user):
            return self._refuse(request, "accounts:otp_setup", "Set up a second factor first.")
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, url_name: str, detail: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=403)
        return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")


class DomainErrorMiddleware:
    """The safety net for HTML views: a refused action is a clear 403/409/400 page, never a 500.

    Views handle these exceptions themselves where they can show them in a form; whatever a
    view does not catch ends here. The API answers them in its own exception handler.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from reintegra.core.exceptions import Conflict, InvalidInput, PermissionDenied

        if isinstance(exception, Conflict):
            title, status, detail = _("This cannot be done now"), 409, exception.detail
        elif isinstance(exception, PermissionDenied):
            title, status, detail = _("Not allowed"), 403, exception.detail
        elif isinstance(exception, InvalidInput):
            title, status, detail = _("Please check your input"), 400, str(exception.errors)
        else:
            return None
        context = {"title": title, "detail": _(detail), "back": request.headers.get("Referer", "")}
        return render(request, "core/problem.html", context, status=status)


class PortalGateMiddleware:
    """Portal users (clients, employer contacts) reach only the portals; staff pages refuse them.

    The start page sends them to their portal; every other staff page or API answers 403 and
    the refusal is logged. Views still check roles themselves: this gate is the second line.
    """

    ALLOWED_PREFIXES = (
        "/portal/",
        "/accounts/login/",
        "/accounts/logout/",
        "/accounts/password/reset/",  # forgotten password: open to anyone, signed in or not
        "/staff/invitation/",  # a staff invitation link: open to anyone
        "/i18n/",
        "/static/",
        "/healthz",
        "/questionnaires/s/",
        "/api/v1/portal/",
        "/api/v1/cases/",  # the released representation (disclosure) and 404 for everything else
        "/api/v1/me/",
        "/api/v1/auth/",
        "/introduce/sprechstunde/",  # public office hours: open to anyone, signed in or not
        "/k/",  # anonymous first contact: open to anyone, signed in or not
        "/api/v1/public/",
    )
    PUBLIC_API = re.compile(r"^/api/v1/introduce/office-hours/(?:[0-9a-f-]{36}/sign-up|cancel|confirm)/$")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from reintegra.accounts.selectors import user_is_portal_only

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.ALLOWED_PREFIXES):
            return self.get_response(request)
        if self.PUBLIC_API.match(request.path) or not user_is_portal_only(user):
            return self.get_response(request)
        if request.path == "/":
            return redirect("portal:home")
        return self._refuse(request, user)

    @staticmethod
    def _refuse(request: HttpRequest, user: Any) -> HttpResponse:
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from reintegra.audit.models import AccessAction
        from reintegra.audit.services import access_log_write

        access_log_write(
            user=user, action=AccessAction.DENIED, object_type="page", object_id=request.path[:64], request=request
        )
        detail = _("This page is for staff. Your portal has everything that is released to you.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=403)
        context = {"title": _("Not allowed"), "detail": detail, "back": reverse("portal:home")}
        return render(request, "core/problem.html", context, status=403)


class RefusalLogMiddleware:
    """Every refusal of a signed-in person is in the access log: a `403` that nothing logged on
    the way (a role check at the door, such as the monitoring pages', a DRF permission class,
    `PermissionDenied` from a service) gets a `denied` entry for the page here.

    Refusals already logged with more detail (a case 404, the portal gate, the access log's own
    door) mark the request (`audit.services.denial_mark`) and are not logged twice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 403:
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        from reintegra.audit.models import AccessAction
        from reintegra.audit.services import access_log_write, denial_logged

        if not denial_logged(request):
            access_log_write(
                user=user,
                action=AccessAction.DENIED,
                object_type="page",
                object_id=request.path[:64],
                request=request,
                detail=f"{request.method} refused (403)",
            )
        return response
