from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "reintegra.plans"
    label = "plans"
    verbose_name = _("Goals and measures")

    def ready(self) -> None:
        from reintegra.plans.checklist import register_items

        register_items()

        from reintegra.cases.disclosure import register
        from reintegra.plans.disclosure import disclosed_plan

        register(disclosed_plan)

        from reintegra.cases.services.common import case_touch_register, event_listener_register
        from reintegra.plans.services.due import due_items_refresh_step, due_listener

        event_listener_register(due_listener)
        # The write path's last step keeps the due-items table of the changed case (no signals).
        case_touch_register(due_items_refresh_step)
