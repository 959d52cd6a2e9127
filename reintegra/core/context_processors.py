"""Template context shared by every page."""

from typing import Any

from django.http import HttpRequest

from reintegra.accounts.models import PORTAL_ROLES
from reintegra.accounts.selectors import user_roles
from reintegra.core.navigation import nav_for


def layout(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": [], "nav_items": [], "portal_only": False}
    roles = user_roles(user)  # type: ignore[arg-type]
    portal_only = bool(roles) and all(role in PORTAL_ROLES for role in roles)
    return {"user_roles": roles, "nav_items": nav_for(roles, request.path), "portal_only": portal_only}
