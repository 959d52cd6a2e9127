"""`manage.py insights_summary`: rebuild the summary cells of the statistical records
(`CaseFiguresCell`: months and days) from the records — after records
were loaded in bulk without the write path (the insights benchmark does). The write path keeps it
up to date otherwise."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reintegra.insights.services import summary_rebuild


class Command(BaseCommand):
    help = "Rebuild the summary cells (months, days) of the insights' statistical records, of all or one organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its id).")

    def handle(self, *args: Any, **options: Any) -> None:
        cells = summary_rebuild(organisation_id=options.get("organisation"))
        self.stdout.write(f"{cells} summary cells rebuilt.")
