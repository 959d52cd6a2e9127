"""`manage.py insights_summary`: rebuild the monthly summary of the statistical records
(`CaseFiguresMonth`) from the records — once after the upgrade that adds it, and after records
were loaded in bulk without the write path (the insights benchmark does). The write path keeps it
up to date otherwise."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reintegra.insights.services import summary_rebuild


class Command(BaseCommand):
    help = "Rebuild the monthly summary of the insights' statistical records, of every or of one organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its id).")

    def handle(self, *args: Any, **options: Any) -> None:
        cells = summary_rebuild(organisation_id=options.get("organisation"))
        self.stdout.write(f"{cells} monthly summary cells rebuilt.")
