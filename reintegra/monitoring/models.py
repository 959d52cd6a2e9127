"""What a person chose for their monitoring list, remembered between visits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MonitoringPreference(models.Model):
    """How many days ahead the person's monitoring list looks (14, 30, 60 or 90)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="monitoring_preference"
    )
    window_days = models.PositiveSmallIntegerField(_("days ahead"), default=14)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("monitoring preference")
        verbose_name_plural = _("monitoring preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.window_days} days"
