"""The one way to enforce a permission: each app's `permissions.py` declares predicates
(plain functions `can_<verb>_<thing>(user, obj=None) -> bool`), and services, views, templates
(through values the view passes) and API permission classes all ask those same predicates.
A refusal raises `core.exceptions.PermissionDenied` (403 in both skins)."""

from django.utils.functional import Promise as StrPromise

from reintegra.core.exceptions import PermissionDenied


def require(allowed: bool, message: str | StrPromise | None = None) -> None:
    """Raise `PermissionDenied` unless `allowed` (the answer of a predicate)."""
    if not allowed:
        raise PermissionDenied(str(message)) if message else PermissionDenied()
