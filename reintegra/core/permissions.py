"""The one way to enforce a permission: each app's `permissions.py` declares predicates
(plain functions `can_<verb>_<thing>(user, obj=None) -> bool`), and services, views, templates
(through values the view passes) and API permission classes all ask those same predicates.
A refusal raises `core.exceptions.PermissionDenied` (403 in both skins)."""

from reintegra.core.exceptions import PermissionDenied


def require(allowed: bool, message: str | None = None) -> None:
    """Raise `PermissionDenied` unless `allowed` (the answer of a predicate)."""
    if not allowed:
        raise PermissionDenied(message) if message else PermissionDenied()
