"""`manage.py due_items_refresh`: fill the due-items table (`plans.DueItem`) from the records.

The write path keeps the rows of every case it changes (`case_touch`); cases written before the
table existed, or loaded in bulk, have none. Run this once after such a load or upgrade (the
benchmark does when it reuses its data); `--all` recomputes every case, not only when the table
is empty.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from reintegra.cases.models import Case
from reintegra.plans.models import DueItem
from reintegra.plans.services.due import due_items_refresh


class Command(BaseCommand):
    help = "Fill the due-items table from the records (after bulk loads or the upgrade that adds it)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=1000)
        parser.add_argument("--all", action="store_true", help="recompute even when the table holds rows")

    def handle(self, *args: Any, batch: int, all: bool, **options: Any) -> None:  # noqa: A002
        if DueItem.objects.exists() and not all:
            self.stdout.write("The due-items table is filled already (--all recomputes it).")
            return
        ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
        rows = 0
        for start in range(0, len(ids), batch):
            with transaction.atomic():
                rows += due_items_refresh(case_ids=ids[start : start + batch])
        self.stdout.write(f"Stored {rows} due items of {len(ids)} cases.")
