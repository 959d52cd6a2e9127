from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "reintegra.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from reintegra.assessments.checklist import register_items

        register_items()
