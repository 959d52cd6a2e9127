"""Generate (or extend) the synthetic data set: batches of cases, bulk inserts, one transaction per batch.

The marker row (`bench.GeneratedDataset`, where the bench app is installed) holds
the seed, the anchor date and how many cases are committed; it is updated in the
same transaction as each batch. Running again with the same seed resumes or, when
enough cases exist, does nothing.
"""

import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from django.apps import apps
from django.db import connections, models, transaction
from django.utils import timezone

from reintegra.assessments.models import Assessment, AssessmentItem
from reintegra.cases.checklist import checklist_states_refresh
from reintegra.cases.models import (
    Case,
    CaseEvent,
    CaseNote,
    CasePhase,
    Client,
    Closure,
    Evaluation,
    IncapacityPeriod,
    Intake,
    Participant,
    ReferenceCounter,
)
from reintegra.cases.services.common import current_phases_refresh
from reintegra.consents.models import Consent
from reintegra.notifications.models import Notification
from reintegra.plans.models import Goal, Measure, Plan, PlanVersion
from reintegra.plans.services.due import due_items_refresh

from .builder import CaseBuilder
from .common import Batch
from .plan import GoalRating, Review
from .setup import counters_for, ensure_cast, org_weights

# Parents before children.
INSERT_ORDER: list[type] = [
    Client,
    Case,
    CasePhase,
    Intake,
    Participant,
    Consent,
    CaseNote,
    CaseEvent,
    IncapacityPeriod,
    Assessment,
    AssessmentItem,
    Goal,
    Measure,
    Plan,
    PlanVersion,
    *([Review, GoalRating] if Review is not None else []),
    Closure,
    Evaluation,
    Notification,
]


GENERATED_EMAIL = "@bench.invalid"  # every generated client's address ends so
PLAIN_FIELDS = {
    models.CharField,
    models.TextField,
    models.SlugField,
    models.EmailField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.FloatField,
}


class DatasetMismatch(Exception):
    """The database holds data made with another seed."""


@dataclass
class Outcome:
    cases_before: int
    cases_after: int
    seconds: float
    rows: Counter[str] = field(default_factory=Counter)


@contextmanager
def stamps_as_given() -> Iterator[None]:
    """Keep the created_at/updated_at values the builder set (auto_now/auto_now_add would overwrite them)."""
    patched = []
    for model in INSERT_ORDER:
        for f in model._meta.concrete_fields:  # type: ignore[attr-defined]
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                patched.append((f, f.auto_now, f.auto_now_add))  # type: ignore[attr-defined]
                f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in patched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]


def _marker(seed: int, anchor: date | None) -> Any:
    """The marker row, created on first use; None where the bench app is not installed (tests)."""
    if not apps.is_installed("bench"):
        return None
    from bench.models import GeneratedDataset

    marker = GeneratedDataset.objects.first()
    if marker is None:
        marker = GeneratedDataset.objects.create(seed=seed, anchor=anchor or timezone.localdate())
    elif marker.seed != seed:
        raise DatasetMismatch(
            f"The database holds data generated with seed {marker.seed}, not {seed}. "
            "Use that seed, or another database (DATABASE_URL / REINTEGRA_VAR_DIR)."
        )
    return marker


def existing_cases() -> int:
    """How many generated cases the database holds: the marker's count, or (without the
    bench app, in tests) the number of generated clients."""
    if not apps.is_installed("bench"):
        return Client.objects.filter(email__endswith=GENERATED_EMAIL).count()
    from bench.models import GeneratedDataset

    marker = GeneratedDataset.objects.first()
    return marker.cases_done if marker else 0


class Progress:
    """A one-line text progress bar on stderr."""

    def __init__(self, total: int, start: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.start, self.stream = total, start, stream
        self.began = time.perf_counter()

    def show(self, done: int) -> None:
        elapsed = time.perf_counter() - self.began
        rate = (done - self.start) / elapsed if elapsed > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 else 0.0
        width = 30
        filled = int(width * done / self.total) if self.total else width
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{self.total:,} cases "
            f"{rate:7.0f}/s  {elapsed:6.0f}s elapsed  ETA {eta:5.0f}s"
        )
        self.stream.flush()

    def end(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def _insert_objects(model: type, objs: list[Any]) -> None:
    """A lean bulk insert: values prepared by the model's own fields (so encrypted fields encrypt),
    sent with one `executemany` per batch (SQLite) or one `COPY` (PostgreSQL). `bulk_create`
    spends most of its time compiling SQL."""
    if not objs:
        return
    fields = [
        f
        for f in model._meta.concrete_fields  # type: ignore[attr-defined]
        if not (f.primary_key and getattr(objs[0], f.attname) is None)  # auto-increment ids
    ]
    connection = connections["default"]  # the wrapper itself: the `connection` proxy costs a lookup per use
    quote = connection.ops.quote_name
    # Table and column names come from the models, values are parameters.
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)  # type: ignore[attr-defined]
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    # Plain values of these exact field types go to the driver as they are; every other field
    # (UUIDs, dates, JSON, encrypted text, ...) is prepared by the field itself.
    plain = [type(f) in PLAIN_FIELDS for f in fields]
    preps = [(f.attname, None if is_plain else f.get_db_prep_save) for f, is_plain in zip(fields, plain, strict=True)]
    prepared = [
        [getattr(obj, name) if prep is None else prep(getattr(obj, name), connection) for name, prep in preps]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: several times faster than executemany, on both sides of the connection.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for row in prepared:
                    copy.write_row(row)
            return
        for start in range(0, len(prepared), 5000):
            cursor.executemany(sql, prepared[start : start + 5000])


def _insert(batch: Batch, rows: Counter[str]) -> None:
    for model in INSERT_ORDER:
        objs = batch.rows.get(model, [])
        _insert_objects(model, objs)
        rows[model.__name__] += len(objs)
    present = CaseNote.present.through
    _insert_objects(present, [present(casenote_id=n, participant_id=p) for n, p in batch.note_present])
    rows["CaseNote.present"] += len(batch.note_present)
    goals = Measure.goals.through
    _insert_objects(goals, [goals(measure_id=m, goal_id=g) for m, g in batch.measure_goals])
    rows["Measure.goals"] += len(batch.measure_goals)


def _save_counters(counters: dict[tuple[Any, str, int], int]) -> None:
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(organisation_id=o, prefix=p, year=y, last=last) for (o, p, y), last in counters.items()],
        update_conflicts=True,
        unique_fields=["organisation", "prefix", "year"],
        update_fields=["last"],
    )


def generate(
    *,
    cases: int,
    seed: int = 20261123,
    batch_size: int = 1000,
    anchor: date | None = None,
    progress: bool = True,
    analyze: bool = True,
    focus: float | None = None,
) -> Outcome:
    """Make sure the database holds `cases` generated cases (resuming, or doing nothing).

    `focus` overrides the bench user's share of Demo AG's cases (tests use 1.0 so that a
    few generated cases fill her lists). Inside a transaction (tests) the connection is
    left as it is; otherwise it is tuned for bulk loading and closed afterwards.
    """
    began = time.perf_counter()
    marker = _marker(seed, anchor)
    anchor = marker.anchor if marker else (anchor or timezone.localdate())
    done = marker.cases_done if marker else existing_cases()
    outcome = Outcome(cases_before=done, cases_after=done, seconds=0.0)
    if done >= cases:
        return outcome
    plans = ensure_cast(seed, focus=focus)
    builder = CaseBuilder(seed=seed, anchor=anchor, orgs=plans, org_weights=org_weights(), counters=counters_for(plans))
    bar = Progress(cases, done) if progress else None
    connection = connections["default"]
    standalone = not connection.in_atomic_block
    if standalone and connection.vendor == "sqlite":
        # Generation only (the connection is closed afterwards): a large page cache and no
        # fsync; the random UUID keys touch pages all over every index.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1048576")
            cursor.execute("PRAGMA synchronous = OFF")
    with stamps_as_given():
        while done < cases:
            upto = min(done + batch_size, cases)
            batch = Batch()
            for index in range(done, upto):
                builder.build(index, batch)
            rows: Counter[str] = Counter()
            with transaction.atomic():
                _insert(batch, rows)
                _save_counters(builder.counters)
                # What the services' last step (`case_touch`) stores for cases changed one by one;
                # bulk inserts bypass it. (`last_activity_at` is written by the builder.)
                checklist_states_refresh(case_ids=[case.pk for case in batch.rows.get(Case, [])])
                due_items_refresh(case_ids=[case.pk for case in batch.rows.get(Case, [])])
                current_phases_refresh(case_ids=[case.pk for case in batch.rows.get(Case, [])])
                if marker is not None:
                    marker.cases_done = upto
                    marker.cases_target = max(marker.cases_target, cases)
                    marker.rows = dict(Counter(marker.rows) + rows)
                    marker.save()
            outcome.rows += rows
            done = upto
            if bar:
                bar.show(done)
    if bar:
        bar.end()
    if analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if standalone:
        connection.close()
    outcome.cases_after = done
    outcome.seconds = time.perf_counter() - began
    if marker is not None:
        marker.seconds += outcome.seconds
        marker.save(update_fields=["seconds", "updated_at"])
    return outcome
