"""DRF permission classes of the network API: thin wrappers around `network.permissions`."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from reintegra.network.permissions import can_change_directory


class ChangesDirectory(BasePermission):
    """Writes to the directory need `can_change_directory` in the person's own organisation.

    Asked before the body is validated, so a refused caller learns nothing about the payload.
    Reads pass: the providers' choke point (`visible_to`) shows each person only what they may see.
    """

    message = "You are not allowed to change this organisation's service directory."

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_change_directory(request.user, getattr(request.user, "organisation", None))


DIRECTORY_PERMISSIONS = [IsAuthenticated, ChangesDirectory]
