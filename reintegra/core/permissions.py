"""The one way to enforce a permission: each app's `permissions.py` declares predicates
(plain functions `can_<verb>_<thing>(user, obj=None) -> bool`), and services, views, templates
(through values the view passes) and API permission classes all ask those same predicates.
A refusal raises `core.exceptions.PermissionDenied` (403 in both skins)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise as StrPromise

from reintegra.core.exceptions import PermissionDenied

View = Callable[..., HttpResponse]


def require(allowed: bool, message: str | StrPromise | None = None) -> None:
    """Raise `PermissionDenied` unless `allowed` (the answer of a predicate)."""
    if not allowed:
        raise PermissionDenied(str(message)) if message else PermissionDenied()


def page_requires(predicate: Callable[[Any], bool], message: str | StrPromise | None = None) -> Callable[[View], View]:
    """A view decorator: signed in (else the sign-in page) and `predicate(request.user)` (else 403).

    With `message` (lazy, it is translated per request) the 403 page names the refusal
    (`require`); without, Django's plain 403 page answers.
    """

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if message is None:
                if not predicate(request.user):
                    raise DjangoPermissionDenied
            else:
                require(predicate(request.user), message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
