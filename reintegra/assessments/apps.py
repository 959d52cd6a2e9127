from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "reintegra.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from reintegra.assessments import checklist
        from reintegra.cases.checklist import register

        register("assessment_both_perspectives", checklist.assessment_both_perspectives, prefetch=checklist.PREFETCH)
        register("resources_and_problems", checklist.resources_and_problems, prefetch=checklist.PREFETCH)
