"""Per person: the secret calendar feed (issue #14) and what they chose for their monitoring list."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class CalendarFeed(BaseModel):
    """A person's secret iCalendar address. The token is looked up by its SHA-256 and kept
    encrypted so the page can show the address again; renewing replaces both, and the old address
    answers 404 at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    token = EncryptedTextField(_("token"))
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


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
