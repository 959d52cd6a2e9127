from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "reintegra.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from reintegra.cases.services.common import case_touch_register
        from reintegra.core.periodic import PeriodicJob, daily_at, periodic_register
        from reintegra.insights.services import case_figures_refresh_step
        from reintegra.insights.tasks import insights_daily

        # The write path's last step keeps each case's statistical record current (no signals).
        case_touch_register(case_figures_refresh_step)
        # Absence windows move with the calendar and absence imports touch no case: once a day
        # the records of open and recently closed cases with absence data are recomputed.
        periodic_register(
            PeriodicJob(
                name="insights.daily", enabled=lambda: True, next_due=daily_at(4), enqueue=insights_daily.enqueue
            )
        )
