"""Keeping the summary cells (`CaseFiguresCell`) of the statistical records up to date.

A cell is (organisation, unit, case type, span, start): a month or a day. When records change,
the day cells they were in before and are in after are recomputed from the records, in the same
transaction (`summary_refresh_cells`), rather than old contributions subtracted and new ones
added: the recomputation cannot drift, whatever wrote the records (write path, daily refresh,
erasure, bulk loads), and reads only the records of those days. The difference between a day
cell's old and new content is carried to its month cell and to the organisation's day and month
cells over all units and case types, which are thereby always the sums of the day cells (a test
compares them with `summary_rebuild`). `summary_rebuild` recomputes every cell of an
organisation (or of all) from the records, a month of records at a time: after bulk loads
(`manage.py insights_summary`)."""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Min, Q, QuerySet

from reintegra.insights.models import ALL_TYPES, CaseFigures, CaseFiguresCell, Span
from reintegra.insights.tallies import Tally, add_closed, add_opened, month_end, month_of, record_rows

Cell = tuple[Any, Any, str, str, date]  # organisation id, unit id (or None), case type key, span, start
MANY_CELLS = 48  # more day cells of one (organisation, unit, case type) to recompute: read all its records


def cells_of(organisation_id: Any, unit_id: Any, kind: str, day: date) -> tuple[Cell, Cell]:
    """The month cell and the day cell a record counts in on `day`."""
    return (
        (organisation_id, unit_id, kind, Span.MONTH.value, month_of(day)),
        (organisation_id, unit_id, kind, Span.DAY.value, day),
    )


def record_cells(records: QuerySet[CaseFigures]) -> set[Cell]:
    """The day cells these records count in (the day opened, the day closed); their month cells
    follow from them (`summary_refresh_cells`)."""
    cells: set[Cell] = set()
    for organisation_id, unit_id, kind, opened_on, closed_on in records.values_list(
        "organisation_id", "unit_id", "case_type_key", "opened_on", "closed_on"
    ):
        for day in (opened_on, closed_on):
            if day is not None:
                cells.add(cells_of(organisation_id, unit_id, kind, day)[1])
    return cells


def _carried(cell: Cell) -> tuple[Cell, Cell, Cell]:
    """The cells a day cell's change is carried to: its month, and the organisation's day and
    month over all units and case types."""
    organisation_id, unit_id, kind, _span, day = cell
    month = month_of(day)
    return (
        (organisation_id, unit_id, kind, Span.MONTH.value, month),
        (organisation_id, None, ALL_TYPES, Span.DAY.value, day),
        (organisation_id, None, ALL_TYPES, Span.MONTH.value, month),
    )


def _tallies(records: QuerySet[CaseFigures], wanted: Callable[[Cell], bool]) -> dict[Cell, Tally]:
    """The tallies of the records' cells that are `wanted`."""
    rows, costs, answers = record_rows(records)
    tallies: dict[Cell, Tally] = {}

    def tallies_of(row: dict[str, Any], day: date) -> list[Tally]:
        cells = cells_of(row["organisation_id"], row["unit_id"], row["case_type_key"], day)
        return [tallies.setdefault(cell, Tally()) for cell in cells if wanted(cell)]

    for row in rows:
        for tally in tallies_of(row, row["opened_on"]):
            add_opened(tally, row)
        if row["closed_on"] is not None:
            for tally in tallies_of(row, row["closed_on"]):
                add_closed(tally, row, costs.get(row["id"], ()), answers.get(row["id"], ()))
    return tallies


def _write(tallies: dict[Cell, Tally]) -> None:
    CaseFiguresCell.objects.bulk_create(
        [
            CaseFiguresCell(
                organisation_id=organisation_id,
                unit_id=unit_id,
                case_type_key=kind,
                span=span,
                start=start,
                opened=tally.opened,
                closed=tally.closed,
                histograms=tally.blob(),
            )  # fmt: skip
            for (organisation_id, unit_id, kind, span, start), tally in tallies.items()
            if tally.opened or tally.closed
        ],
        batch_size=500,
    )


def _lock(cells: set[tuple[str, ...]]) -> None:
    """On PostgreSQL, one transaction at a time recomputes a cell: a transaction-level advisory
    lock per cell, taken before the records are read, in one order (no deadlock between cells).
    Without it two writes to different cases of one cell could each replace the cell with a count
    that misses the other's change. (SQLite: a writing transaction already excludes the others.)"""
    if connection.vendor != "postgresql" or not cells:
        return
    keys = sorted({int.from_bytes(hashlib.blake2b(repr(cell).encode(), digest_size=8).digest(), "big", signed=True)
                   for cell in cells})  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key ORDER BY key", [keys])


def _carry(cell: Cell, change: Tally) -> None:
    """Add a change to a cell kept by differences: a month cell (the sum of its day cells), or an
    organisation's cell over all units and case types (`ALL_TYPES`, the cells the page of an
    organisation admin reads: one row a month or day instead of one per unit and type)."""
    organisation_id, unit_id, kind, span, start = cell
    unit = Q(unit__isnull=True) if unit_id is None else Q(unit_id=unit_id)
    row = (
        CaseFiguresCell.objects.select_for_update()
        .filter(unit, organisation_id=organisation_id, case_type_key=kind, span=span, start=start)
        .first()
    )
    tally = Tally()
    if row is not None:
        tally.opened, tally.closed = row.opened, row.closed
        tally.merge(row.histograms)
    _add(tally, change)
    if row is None:
        _write({cell: tally})
    elif tally.opened or tally.closed:
        row.opened, row.closed, row.histograms = tally.opened, tally.closed, tally.blob()
        row.save(update_fields=["opened", "closed", "histograms"])
    else:
        row.delete()


def _add(target: Tally, source: Tally, sign: int = 1) -> None:
    target.opened += sign * source.opened
    target.closed += sign * source.closed
    target.merge(source.blob(), sign)


def summary_refresh_cells(cells: Iterable[Cell]) -> int:
    """Recompute these day cells from the records (call it in the transaction that changed them),
    and carry the difference to their month cells and to the organisation's day and month cells
    over all units and case types. A write reads the records of a day, not of a month (at a
    million records a month of one unit and case type holds thousands)."""
    groups: dict[tuple[Any, Any, str], set[date]] = defaultdict(set)
    wanted = {cell for cell in cells if cell[3] == Span.DAY}
    for organisation_id, unit_id, kind, _span, day in wanted:
        groups[(organisation_id, unit_id, kind)].add(day)
    changes: dict[Cell, Tally] = defaultdict(Tally)
    with transaction.atomic():
        touched = wanted | {target for cell in wanted for target in _carried(cell)}
        _lock({(str(o), str(u), k, p, d.isoformat()) for o, u, k, p, d in touched})
        for (organisation_id, unit_id, kind), days in groups.items():
            scope = Q(organisation_id=organisation_id, case_type_key=kind)
            scope &= Q(unit__isnull=True) if unit_id is None else Q(unit_id=unit_id)
            records = CaseFigures.objects.filter(scope)
            if len(days) <= MANY_CELLS:
                on_days = Q(pk__in=[])
                for day in days:  # the scope in every term: each day read from its index
                    on_days |= (scope & Q(opened_on=day)) | (scope & Q(closed_on=day))
                records = CaseFigures.objects.filter(on_days)
            old = CaseFiguresCell.objects.filter(scope, span=Span.DAY, start__in=days)
            for day, opened, closed, blob in old.values_list("start", "opened", "closed", "histograms"):
                for target in _carried((organisation_id, unit_id, kind, Span.DAY.value, day)):
                    change = changes[target]
                    change.opened -= opened
                    change.closed -= closed
                    change.merge(blob, -1)
            old.delete()
            tallies = _tallies(records, lambda cell: cell[3] == Span.DAY and cell[4] in days)  # noqa: B023
            _write(tallies)
            for cell, tally in tallies.items():
                for target in _carried(cell):
                    _add(changes[target], tally)
        for cell, change in sorted(changes.items(), key=lambda item: str(item[0])):
            _carry(cell, change)
    return len(wanted)


def summary_rebuild(*, organisation_id: Any = None) -> int:
    """Recompute every cell (of one organisation, or of all) from the records, and the cells over
    all units and case types; the number of cells. A month at a time (its records read by their
    opening or closing date): the tallies of a million records' days would not fit in memory."""
    records = CaseFigures.objects.all()
    cells = CaseFiguresCell.objects.all()
    if organisation_id is not None:
        records = records.filter(organisation_id=organisation_id)
        cells = cells.filter(organisation_id=organisation_id)
    written = 0
    with transaction.atomic():
        cells.delete()
        bounds = records.aggregate(first=Min("opened_on"), last=Max("closed_on"), last_opened=Max("opened_on"))
        if bounds["first"] is None:
            return 0
        last = max(day for day in (bounds["last"], bounds["last_opened"]) if day is not None)
        month = month_of(bounds["first"])
        while month <= last:
            days = (month, month_end(month))
            tallies = _tallies(
                records.filter(Q(opened_on__range=days) | Q(closed_on__range=days)),
                lambda cell: month_of(cell[4]) == month,  # noqa: B023 - used at once
            )
            _write(tallies)
            totals: dict[Cell, Tally] = defaultdict(Tally)
            for (organisation, _unit, _kind, span, start), tally in tallies.items():
                _add(totals[(organisation, None, ALL_TYPES, span, start)], tally)
            _write(totals)
            written += len(tallies)
            month = days[1] + timedelta(days=1)
    return written
