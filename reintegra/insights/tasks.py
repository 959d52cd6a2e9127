"""The daily refresh of the records whose absence windows still move."""

from django_tasks import task

from reintegra.insights.services import case_figures_refresh_with_absences


@task()
def insights_daily() -> int:
    return case_figures_refresh_with_absences()
