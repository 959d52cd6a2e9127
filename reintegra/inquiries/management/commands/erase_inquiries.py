"""Erase anonymous threads past their retention period (for cron; no worker needed)."""

from typing import Any

from django.core.management.base import BaseCommand

from reintegra.inquiries.services import inquiries_erase_expired, retention_days


class Command(BaseCommand):
    help = (
        "Erase anonymous inquiries whose last message is older than REINTEGRA_INQUIRY_RETENTION_DAYS "
        "(default 90), except those that became a case. Safe to run repeatedly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        erased = inquiries_erase_expired()
        self.stdout.write(f"Inquiries erased: {erased} (retention {retention_days()} days)")
