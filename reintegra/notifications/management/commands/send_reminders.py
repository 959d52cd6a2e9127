"""Deliver due reminders once and send pending notification e-mails (for cron; no worker needed)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from reintegra.notifications.tasks import notification_emails_flush, reminders_deliver_due


class Command(BaseCommand):
    help = (
        "Deliver every due reminder exactly once (safe to run from several hosts at the same time), "
        "then send notification e-mails that are still pending."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        report = reminders_deliver_due(now=now)
        # Everything pending, also the e-mails just made: the claim keeps their queued task from sending again.
        emails = notification_emails_flush(now=timezone.now())
        self.stdout.write(
            f"Reminders sent: {report['sent']}, cancelled: {report['cancelled']}, failed: {report['failed']}; "
            f"e-mails sent: {emails}"
        )
