from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentsConfig(AppConfig):
    name = "reintegra.consents"
    label = "consents"
    verbose_name = _("Consents")

    def ready(self) -> None:
        from reintegra.consents.checklist import register_all

        register_all()
