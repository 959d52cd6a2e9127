"""Query sets of the service directory; `visible_to` is the one visibility choke point."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from reintegra.network.permissions import can_use_directory

if TYPE_CHECKING:
    from reintegra.network.models import Provider  # noqa: F401


class ProviderQuerySet(models.QuerySet["Provider"]):
    def visible_to(self, user: Any) -> ProviderQuerySet:
        """The providers of the user's organisation; nothing for portal users and other staff."""
        if not can_use_directory(user):
            return self.none()
        return self.filter(organisation_id=user.organisation_id)

    def active(self) -> ProviderQuerySet:
        return self.filter(active=True)
