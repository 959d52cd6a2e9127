from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "reintegra.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from datetime import datetime, timedelta

        from django.conf import settings

        from reintegra.core.periodic import PeriodicJob, periodic_register
        from reintegra.notifications.tasks import deliver_due_reminders

        def next_catch_up(now: datetime) -> datetime:
            return now + timedelta(seconds=float(getattr(settings, "REINTEGRA_CATCH_UP_SECONDS", 300)))

        # The catch-up inside the worker (no cron): due reminders whose delivery task was lost, and
        # e-mails still pending (their task lost, or their worker killed mid-send), every 5 minutes.
        periodic_register(
            PeriodicJob(
                name="notifications.catch_up",
                enabled=lambda: True,
                next_due=next_catch_up,
                enqueue=deliver_due_reminders.enqueue,
            )
        )
