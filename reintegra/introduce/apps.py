from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntroduceConfig(AppConfig):
    name = "reintegra.introduce"
    label = "introduce"
    verbose_name = _("Introducing case management")

    def ready(self) -> None:
        from reintegra.cases.services.common import event_listener_register
        from reintegra.introduce.firing import fire_rules
        from reintegra.introduce.notifications import register

        register()
        event_listener_register(fire_rules)
