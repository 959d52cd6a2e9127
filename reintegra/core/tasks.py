"""Background tasks of core (django-tasks; `manage.py db_worker` runs them)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def backup_daily() -> dict[str, Any]:
    """The daily backup (REINTEGRA_BACKUP_DAILY): one archive in REINTEGRA_BACKUP_DIR, the newest
    REINTEGRA_BACKUP_KEEP kept. Enqueued once per day by `reintegra.core.periodic`."""
    from reintegra.core.backup import backup_create, backup_file_name, backup_prune

    directory = Path(settings.REINTEGRA_BACKUP_DIR)
    output = directory / backup_file_name(timezone.now())
    backup_create(output=output)
    removed = backup_prune(directory=directory, keep=int(settings.REINTEGRA_BACKUP_KEEP))
    return {"archive": str(output), "removed": [path.name for path in removed]}
