from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "reintegra.inquiries"
    label = "inquiries"
    verbose_name = _("Anonymous first contact")

    def ready(self) -> None:
        from reintegra.inquiries import notifications  # noqa: F401 - registers the notification kind
