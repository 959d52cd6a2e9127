from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "reintegra.screening"
    label = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from reintegra.notifications.kinds import register_kind

        register_kind("screening_reminder", label=_("Screening: reminder due"))
        register_kind("screening_no_response", label=_("Screening: no response proposed"))

        from reintegra.cases.services.common import event_listener_register
        from reintegra.screening.services.runs import hits_unlist_for_case

        # A case opened by hand (not from an invitation) takes the person off the list at once.
        event_listener_register(hits_unlist_for_case)

        from reintegra.core.periodic import PeriodicJob, daily_at, periodic_register
        from reintegra.screening.tasks import screening_daily

        # Purge old absences, recompute the list, follow up invitations: once a day, in the worker.
        periodic_register(
            PeriodicJob(
                name="screening.daily", enabled=lambda: True, next_due=daily_at(5), enqueue=screening_daily.enqueue
            )
        )
