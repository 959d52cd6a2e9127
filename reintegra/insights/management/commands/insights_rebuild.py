"""`manage.py insights_rebuild`: recompute every case's statistical record (after bulk loads, or
once after installing the insights). Records of erased cases stay as they are."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reintegra.insights.services import case_figures_rebuild


class Command(BaseCommand):
    help = "Recompute the statistical records (insights) of every case, or of one organisation's cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its id).")

    def handle(self, *args: Any, **options: Any) -> None:
        count = case_figures_rebuild(organisation_id=options.get("organisation"))
        self.stdout.write(f"{count} case records recomputed.")
