"""Background work (django-tasks): the daily retention run. Idempotent: an erased case is gone."""

from django_tasks import task


@task()
def retention_daily() -> int:
    """Erase every due case of every organisation (one case per transaction); returns how many."""
    from reintegra.retention.services import retention_run

    return len(retention_run(actor=None))
