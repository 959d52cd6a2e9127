"""Remembering a person's choices for the monitoring list (not case data: no timeline, no access log)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.core.permissions import require
from reintegra.monitoring.models import MonitoringPreference
from reintegra.monitoring.permissions import can_monitor_cases
from reintegra.monitoring.selectors import WINDOWS


def monitoring_window_set(*, user: User, days: int) -> MonitoringPreference:
    """Remember how many days ahead `user`'s monitoring list looks (14, 30, 60 or 90). Idempotent."""
    require(can_monitor_cases(user), "Only case managers and team leads see the monitoring lists.")
    if days not in WINDOWS:
        raise ValidationError({"window": [_("Choose 14, 30, 60 or 90 days.")]})
    preference, created = MonitoringPreference.objects.get_or_create(user=user, defaults={"window_days": days})
    if not created and preference.window_days != days:
        preference.window_days = days
        preference.save(update_fields=["window_days", "updated_at"])
    return preference
