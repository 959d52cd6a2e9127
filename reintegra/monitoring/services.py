"""The calendar feed's address (made on first use, renewed on request: the old one stops working) and
the person's choices for the monitoring list (not case data: no timeline, no access log)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.links import absolute_url, new_token
from reintegra.core.permissions import require
from reintegra.monitoring.models import CalendarFeed, MonitoringPreference
from reintegra.monitoring.permissions import can_monitor_cases, can_use_calendar
from reintegra.monitoring.selectors import WINDOWS

REFUSED = "Only staff of an organisation have a calendar feed."


def calendar_feed_url(token: str, request: object = None) -> str:
    return absolute_url(reverse("monitoring:calendar_feed", kwargs={"token": token}), request)  # type: ignore[arg-type]


@transaction.atomic
def calendar_feed_token(*, user: User) -> str:
    """The person's feed token, made the first time it is asked for."""
    require(can_use_calendar(user), REFUSED)
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is not None:
        return str(feed.token)
    token, hashed = new_token()
    CalendarFeed.objects.create(user=user, token_hash=hashed, token=token)
    access_log_write(user=user, action=AccessAction.CHANGE, object_type="calendar_feed", object_id=user.pk)
    return token


@transaction.atomic
def calendar_feed_renew(*, user: User) -> str:
    """A new secret address; the old one answers 404 from now on."""
    require(can_use_calendar(user), REFUSED)
    token, hashed = new_token()
    updated = CalendarFeed.objects.filter(user=user).update(token_hash=hashed, token=token)
    if not updated:
        CalendarFeed.objects.create(user=user, token_hash=hashed, token=token)
    access_log_write(user=user, action=AccessAction.CHANGE, object_type="calendar_feed", object_id=user.pk)
    return token


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
