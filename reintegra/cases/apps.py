from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "reintegra.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # Explicit registrations, no model signals: the write path ends in `event_record` →
        # `case_touch` (services/common.py).
        from reintegra.accounts.services import organisation_set_up_register
        from reintegra.audit.cases import case_directory_register
        from reintegra.cases import checklist
        from reintegra.cases.audit_directory import CaseReferences
        from reintegra.cases.notifications import register_kinds
        from reintegra.cases.services.case import case_types_ensure_shipped

        checklist.register_items()
        organisation_set_up_register(case_types_ensure_shipped)
        case_directory_register(CaseReferences())
        register_kinds()
