from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff administration by the organisation admin: invitations, roles, units, deactivation with handover."""

    name = "reintegra.staff"
    label = "staff"
    verbose_name = _("Staff administration")
