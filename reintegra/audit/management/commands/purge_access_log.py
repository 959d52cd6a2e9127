"""Retention: delete access-log entries older than REINTEGRA_ACCESS_LOG_RETENTION_DAYS (at least 365)."""

from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reintegra.audit.services import MINIMUM_RETENTION_DAYS, access_log_purge

DEFAULT_RETENTION_DAYS = 365


def retention_days() -> int:
    """The configured retention in days, read at call time; a CommandError if it is not allowed."""
    value = getattr(settings, "REINTEGRA_ACCESS_LOG_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError as exc:
            raise CommandError(
                f"REINTEGRA_ACCESS_LOG_RETENTION_DAYS must be a whole number of days, not {value!r}."
            ) from exc
    if value < MINIMUM_RETENTION_DAYS:
        raise CommandError(
            f"REINTEGRA_ACCESS_LOG_RETENTION_DAYS is {value}: the access log must be kept at least one year "
            f"({MINIMUM_RETENTION_DAYS} days). Nothing was deleted."
        )
    return value


class Command(BaseCommand):
    help = (
        "Delete access-log entries older than the retention period "
        "(REINTEGRA_ACCESS_LOG_RETENTION_DAYS, default and minimum 365) and log the purge."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        days = retention_days()
        # Whole local days: everything before midnight of the first day still kept goes.
        first_kept_day = timezone.localdate() - timedelta(days=days)
        cutoff = timezone.make_aware(datetime.combine(first_kept_day, time.min))
        purged = access_log_purge(older_than=cutoff)
        self.stdout.write(f"Purged {purged} access-log entries older than {first_kept_day.isoformat()}.")
