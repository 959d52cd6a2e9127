"""Erase the closed cases whose retention period has run out (what the worker's daily job runs)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reintegra.retention.selectors import retention_due
from reintegra.retention.services import retention_run


class Command(BaseCommand):
    help = (
        "Erase every closed case whose retention period has run out (cases on legal hold are kept), "
        "one case per transaction. --dry-run lists them only. Safe to run repeatedly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list the due cases, erase nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            due = retention_due()
            for case in due:
                self.stdout.write(f"{case.reference}\t{case.case_id}\tdue {case.due_on}\t{case.reason}")
            self.stdout.write(f"Cases due: {len(due)}")
            return
        erased = retention_run(actor=None)
        self.stdout.write(f"Cases erased: {len(erased)}")
