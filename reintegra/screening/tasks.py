"""Background tasks of screening (django-tasks). Idempotent: running one twice does nothing more."""

from typing import Any

from django_tasks import task


@task()
def run_import_job(job_id: str) -> str:
    """Import a previewed file (claims the queued job once)."""
    from reintegra.screening.services.imports import import_job_run

    return import_job_run(job_id=job_id)


@task()
def screening_daily() -> dict[str, Any]:
    """The nightly work: delete what is past its time, recompute every organisation's hits, follow up invitations."""
    from reintegra.screening.services.daily import screening_daily_run

    return screening_daily_run()


@task()
def screening_recompute(organisation_id: str) -> int:
    """Recompute one organisation's list (after its rules changed); returns the number of hits."""
    from reintegra.accounts.models import Organisation
    from reintegra.screening.services.runs import screening_run

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return screening_run(organisation=organisation) if organisation is not None else 0
