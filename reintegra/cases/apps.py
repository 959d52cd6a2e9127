from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "reintegra.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from reintegra.cases import signals

        signals.connect()
