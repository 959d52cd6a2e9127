from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "reintegra.retention"
    label = "retention"
    verbose_name = _("Retention and erasure")

    def ready(self) -> None:
        from reintegra.core.periodic import PeriodicJob, daily_at, periodic_register
        from reintegra.retention.tasks import retention_daily

        # Erase the closed cases whose retention has run out: once a day, in the worker (no cron).
        periodic_register(
            PeriodicJob(
                name="retention.daily", enabled=lambda: True, next_due=daily_at(3), enqueue=retention_daily.enqueue
            )
        )
