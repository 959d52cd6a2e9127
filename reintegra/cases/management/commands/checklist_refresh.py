"""`manage.py checklist_refresh`: store the checklist state of cases that have none.

The write path keeps the state of every case it changes (`case_touch`); cases written before it
did, or loaded in bulk, have none, and their reads compute it each time without storing it. Run
this once after such a load or upgrade (the benchmark does when it reuses its data).
"""

from typing import Any

from django.core.management.base import BaseCommand

from reintegra.cases.checklist import checklist_states_refresh
from reintegra.cases.models import Case


class Command(BaseCommand):
    help = "Store the checklist state of cases that have none (after bulk loads or upgrades)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args: Any, batch: int, **options: Any) -> None:
        done = 0
        while True:
            ids = list(Case.objects.filter(checklist_state__isnull=True).values_list("pk", flat=True)[:batch])
            if not ids:
                break
            done += checklist_states_refresh(case_ids=ids)
        self.stdout.write(f"Stored the checklist state of {done} cases.")
