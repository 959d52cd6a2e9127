from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The person's own record (export as zip) and the case as FHIR R4 (issue #16 items 7 and 8)."""

    name = "reintegra.records"
    label = "records"
    verbose_name = _("Records and FHIR")
