from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "reintegra.inquiries"
    label = "inquiries"
    verbose_name = _("Anonymous first contact")

    def ready(self) -> None:
        from reintegra.core.periodic import PeriodicJob, daily_at, periodic_register
        from reintegra.inquiries import notifications  # noqa: F401 - registers the notification kind
        from reintegra.inquiries.tasks import erase_expired_inquiries

        # A daily sweep besides the task scheduled per message, so that no thread outlives its
        # retention when a scheduled task was lost.
        periodic_register(
            PeriodicJob(
                name="inquiries.erase",
                enabled=lambda: True,
                next_due=daily_at(4),
                enqueue=erase_expired_inquiries.enqueue,
            )
        )
