"""Base model every domain model inherits from."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Abstract base: UUID id, created/updated stamps and a `version` for optimistic locking.

    Services bump `version` on every change (see `reintegra.core.services.bump_version`);
    an update that carries a stale version is refused with a conflict.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True
