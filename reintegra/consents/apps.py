from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentsConfig(AppConfig):
    name = "reintegra.consents"
    label = "consents"
    verbose_name = _("Consents")

    def ready(self) -> None:
        from reintegra.cases.checklist import register
        from reintegra.consents.selectors import active_consent_exists, has_active_consent

        register(
            "consent_data_collection",
            lambda case: has_active_consent(case, "data_collection"),
            prefetch=["consents"],
            annotate=lambda day: active_consent_exists("data_collection", day),
        )
