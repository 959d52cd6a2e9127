from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentsConfig(AppConfig):
    name = "reintegra.consents"
    label = "consents"
    verbose_name = _("Consents")

    def ready(self) -> None:
        # What this app adds to other apps' registries, in one module (imported once the models are loaded).
        from reintegra.consents import registry

        registry.register()
