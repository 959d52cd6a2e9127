"""DRF permission classes made from the apps' permission predicates (`can_<verb>_<thing>(user, obj=None)`).

The API asks the very predicates the services `require()` and the views pass to templates:

    permission_classes = [IsAuthenticated, allowed_by(can_monitor_cases)]      # before any lookup
    permission_classes = [IsAuthenticated, allowed_on(can_withdraw_consent)]   # on the object:
    ...
    case = case_get(...)                       # 404 first for a case that is missing or not visible
    self.check_object_permissions(request, case)   # then 403 if this person may not do it
"""

from collections.abc import Callable
from typing import Any

from rest_framework.permissions import BasePermission

Predicate = Callable[..., bool]
REFUSED = "You are not allowed to do this."


def allowed_by(predicate: Predicate, message: str = REFUSED) -> type[BasePermission]:
    """Ask `predicate(user)` for the whole view, before anything is looked up."""

    class Allowed(BasePermission):
        message = REFUSED

        def has_permission(self, request: Any, view: Any) -> bool:
            return bool(predicate(request.user))

        def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
            return bool(predicate(request.user, obj))

    Allowed.message = message
    Allowed.__name__ = Allowed.__qualname__ = f"Allowed_{predicate.__name__}"
    return Allowed


def allowed_on(predicate: Predicate, message: str = REFUSED) -> type[BasePermission]:
    """Ask `predicate(user, obj)` only for the object the view checks (`check_object_permissions`).

    For case routes: the choke point answers 404 for a case the person may not see, before
    this answers 403 for an action they may not take on a case they do see.
    """

    class AllowedOn(BasePermission):
        message = REFUSED

        def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
            return bool(predicate(request.user, obj))

    AllowedOn.message = message
    AllowedOn.__name__ = AllowedOn.__qualname__ = f"AllowedOn_{predicate.__name__}"
    return AllowedOn
