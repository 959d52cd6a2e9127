from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntroduceConfig(AppConfig):
    name = "reintegra.introduce"
    label = "introduce"
    verbose_name = _("Introducing case management")
