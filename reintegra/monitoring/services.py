"""The calendar feed's address: made on first use, renewed on request (the old one stops working)."""

from django.db import transaction
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.links import absolute_url, new_token
from reintegra.core.permissions import require
from reintegra.monitoring.models import CalendarFeed
from reintegra.monitoring.permissions import can_use_calendar

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
