"""Send the office-hour reminders that are due. Safe to run often (e.g. every 15 minutes from cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reintegra.introduce.services import office_hours_send_reminders


class Command(BaseCommand):
    help = "Send reminders for office hours starting within 24 hours; each sign-up gets at most one."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = office_hours_send_reminders(now=timezone.now())
        self.stdout.write(f"{sent} reminder(s) sent.")
