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


@task()
def task_results_prune() -> dict[str, Any]:
    """The queue's finished rows (django-tasks-db's own `prune_db_task_results`): successful ones after
    REINTEGRA_TASK_RESULTS_KEEP_DAYS (default 14), failed ones after twice that, every queue.
    Enqueued once per day (01:00) by `reintegra.core.periodic`; the catch-up alone adds 288 rows a day."""
    from django.core.management import call_command
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return {"removed": 0}  # another queue (the tests' immediate backend) keeps no rows here
    days = int(settings.REINTEGRA_TASK_RESULTS_KEEP_DAYS)
    before = DBTaskResult.objects.count()
    call_command("prune_db_task_results", queue_name="*", min_age_days=days, failed_min_age_days=2 * days, verbosity=0)
    return {"removed": before - DBTaskResult.objects.count()}
