"""`manage.py screening_daily`: run the nightly screening work now (cron or the task scheduler calls it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from reintegra.screening.services.daily import screening_daily_run


class Command(BaseCommand):
    help = "Delete absences older than two years, recompute the screening hits, follow up invitations."

    def handle(self, *args: Any, **options: Any) -> None:
        report = screening_daily_run()
        self.stdout.write(str(report))
