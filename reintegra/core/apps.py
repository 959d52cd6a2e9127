from typing import Any

from django.apps import AppConfig
from django.db import connections, router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def store_key_canary(sender: Any, using: str, **kwargs: Any) -> None:
    """After migrate (and flush), the database gets its key canary if it has none yet."""
    from reintegra.core.keys import canary_ensure
    from reintegra.core.models import KeyCanary

    if not router.allow_migrate_model(using, KeyCanary):
        return
    # Not there after `migrate core zero` (post_migrate is sent for every migrate).
    if KeyCanary._meta.db_table in connections[using].introspection.table_names():
        canary_ensure(using=using)


class CoreConfig(AppConfig):
    name = "reintegra.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from reintegra.core import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(store_key_canary, sender=self, dispatch_uid="reintegra.core.key_canary")
        # Temporary uploads stay in the var directory; what a killed process left there goes now.
        from reintegra.core.uploads import upload_temp_prepare

        upload_temp_prepare()
