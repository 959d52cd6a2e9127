"""`manage.py generate_data --cases 100000 --seed 20261123 --batch 1000` (bench settings only).

Makes realistic synthetic case data in bulk, deterministically from the seed, and
records what it made; running it again resumes an interrupted run, extends the data
to a larger `--cases`, or does nothing when the data already exist.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench.datagen.run import DatasetMismatch, generate


class Command(BaseCommand):
    help = "Generate synthetic case data at a given scale (idempotent, resumable)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000, help="number of cases (default 100000)")
        parser.add_argument("--seed", type=int, default=20261123, help="random seed (default 20261123)")
        parser.add_argument("--batch", type=int, default=1000, help="cases per transaction (default 1000)")
        parser.add_argument("--anchor", type=date.fromisoformat, default=None, help="'today' of the data (ISO date)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cases"] < 1 or options["batch"] < 1:
            raise CommandError("--cases and --batch must be positive.")
        try:
            outcome = generate(
                cases=options["cases"],
                seed=options["seed"],
                batch_size=options["batch"],
                anchor=options["anchor"],
                progress=not options["no_progress"] and options["verbosity"] > 0,
            )
        except DatasetMismatch as exc:
            raise CommandError(str(exc)) from exc
        if outcome.cases_after == outcome.cases_before:
            self.stdout.write(
                f"{outcome.cases_after} generated cases exist already ({connection.vendor}); nothing to do."
            )
            return
        made = outcome.cases_after - outcome.cases_before
        rows = sum(outcome.rows.values())
        self.stdout.write(
            f"Generated {made} cases ({rows:,} rows) in {outcome.seconds:.1f} s on {connection.vendor}: "
            f"{made / outcome.seconds:.0f} cases/s, {rows / outcome.seconds:.0f} rows/s."
        )
        for name, count in sorted(outcome.rows.items()):
            self.stdout.write(f"  {name:<20} {count:>12,}", ending="\n")
