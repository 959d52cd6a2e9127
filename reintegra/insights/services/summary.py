"""Keeping the monthly summary (`CaseFiguresMonth`) of the statistical records up to date.

A cell is (organisation, unit, case type, month). When records change, the cells they were in
before and are in after are recomputed from the records, in the same transaction
(`summary_refresh_cells`), rather than old contributions subtracted and new ones added: the
recomputation cannot drift, whatever wrote the records (write path, daily refresh, erasure,
bulk loads), and costs a few queries over one cell's records (hundreds, not the whole table).
`summary_rebuild` recomputes every cell of an organisation (or of all): after an upgrade, after
bulk loads (`manage.py insights_summary`).
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from reintegra.insights.models import ALL_TYPES, CaseFigures, CaseFiguresMonth
from reintegra.insights.tallies import Tally, add_closed, add_opened, month_end, month_of, record_rows

Cell = tuple[Any, Any, str, date]  # organisation id, unit id (or None), case type key, first day of month
MANY_MONTHS = 24  # more months of one (organisation, unit, case type) to recompute: read all its records


def record_cells(records: QuerySet[CaseFigures]) -> set[Cell]:
    """The cells these records count in (the month opened and the month closed)."""
    cells: set[Cell] = set()
    for organisation_id, unit_id, kind, opened_on, closed_on in records.values_list(
        "organisation_id", "unit_id", "case_type_key", "opened_on", "closed_on"
    ):
        cells.add((organisation_id, unit_id, kind, month_of(opened_on)))
        if closed_on is not None:
            cells.add((organisation_id, unit_id, kind, month_of(closed_on)))
    return cells


def _tallies(records: QuerySet[CaseFigures], wanted: set[Cell] | None) -> dict[Cell, Tally]:
    """The tallies of the cells in `wanted` (all the records' cells when None)."""
    rows, costs, answers = record_rows(records)
    tallies: dict[Cell, Tally] = {}

    def tally(row: dict[str, Any], day: date) -> Tally | None:
        cell = (row["organisation_id"], row["unit_id"], row["case_type_key"], month_of(day))
        if wanted is not None and cell not in wanted:
            return None
        return tallies.setdefault(cell, Tally())

    for row in rows:
        opening = tally(row, row["opened_on"])
        if opening is not None:
            add_opened(opening, row)
        if row["closed_on"] is not None:
            closing = tally(row, row["closed_on"])
            if closing is not None:
                add_closed(closing, row, costs.get(row["id"], ()), answers.get(row["id"], ()))
    return tallies


def _write(tallies: dict[Cell, Tally]) -> None:
    CaseFiguresMonth.objects.bulk_create(
        [
            CaseFiguresMonth(
                organisation_id=organisation_id,
                unit_id=unit_id,
                case_type_key=kind,
                month=month,
                opened=tally.opened,
                closed=tally.closed,
                histograms=tally.blob(),
            )  # fmt: skip
            for (organisation_id, unit_id, kind, month), tally in tallies.items()
            if tally.opened or tally.closed
        ],
        batch_size=500,
    )


def _lock(cells: set[tuple[str, str, str, str]]) -> None:
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


def _rollup(organisation_id: Any, month: date, change: Tally) -> None:
    """Add a change to the organisation's month over all units and case types (`ALL_TYPES`), the row the
    page of an organisation admin reads (one row per month instead of one per unit and type)."""
    row = (
        CaseFiguresMonth.objects.select_for_update()
        .filter(organisation_id=organisation_id, unit__isnull=True, case_type_key=ALL_TYPES, month=month)
        .first()
    )
    tally = Tally()
    if row is not None:
        tally.opened, tally.closed = row.opened, row.closed
        tally.merge(row.histograms)
    tally.opened += change.opened
    tally.closed += change.closed
    tally.merge(change.blob())
    if row is None:
        _write({(organisation_id, None, ALL_TYPES, month): tally})
    elif tally.opened or tally.closed:
        row.opened, row.closed, row.histograms = tally.opened, tally.closed, tally.blob()
        row.save(update_fields=["opened", "closed", "histograms"])
    else:
        row.delete()


def summary_refresh_cells(cells: Iterable[Cell]) -> int:
    """Recompute these cells from the records (call it in the transaction that changed them), and
    carry the difference to the organisation's month over all units and case types."""
    groups: dict[tuple[Any, Any, str], set[date]] = defaultdict(set)
    wanted = set(cells)
    for organisation_id, unit_id, kind, month in wanted:
        groups[(organisation_id, unit_id, kind)].add(month)
    changes: dict[tuple[Any, date], Tally] = defaultdict(Tally)
    with transaction.atomic():
        _lock({(str(o), str(u), k, m.isoformat()) for o, u, k, m in wanted}
              | {(str(o), "", ALL_TYPES, m.isoformat()) for o, _u, _k, m in wanted})  # fmt: skip
        for (organisation_id, unit_id, kind), months in groups.items():
            scope = Q(organisation_id=organisation_id, case_type_key=kind)
            scope &= Q(unit__isnull=True) if unit_id is None else Q(unit_id=unit_id)
            records = CaseFigures.objects.filter(scope)
            if len(months) <= MANY_MONTHS:
                spans = Q(pk__in=[])
                for month in months:  # the scope in every term: each range read from its index
                    span = (month, month_end(month))
                    spans |= (scope & Q(opened_on__range=span)) | (scope & Q(closed_on__range=span))
                records = CaseFigures.objects.filter(spans)
            old = CaseFiguresMonth.objects.filter(scope, month__in=months)
            for month, opened, closed, blob in old.values_list("month", "opened", "closed", "histograms"):
                change = changes[(organisation_id, month)]
                change.opened -= opened
                change.closed -= closed
                change.merge(blob, -1)
            old.delete()
            tallies = _tallies(records, {(organisation_id, unit_id, kind, month) for month in months})
            _write(tallies)
            for (_o, _u, _k, month), tally in tallies.items():
                change = changes[(organisation_id, month)]
                change.opened += tally.opened
                change.closed += tally.closed
                change.merge(tally.blob())
        for (organisation_id, month), change in sorted(changes.items(), key=lambda item: str(item[0])):
            _rollup(organisation_id, month, change)
    return sum(len(months) for months in groups.values())


def summary_rebuild(*, organisation_id: Any = None) -> int:
    """Recompute every cell (of one organisation, or of all) from the records, and the months over
    all units and case types; the number of cells."""
    records = CaseFigures.objects.all()
    cells = CaseFiguresMonth.objects.all()
    if organisation_id is not None:
        records = records.filter(organisation_id=organisation_id)
        cells = cells.filter(organisation_id=organisation_id)
    with transaction.atomic():
        cells.delete()
        tallies = _tallies(records, None)
        _write(tallies)
        totals: dict[Cell, Tally] = defaultdict(Tally)
        for (organisation, _unit, _kind, month), tally in tallies.items():
            total = totals[(organisation, None, ALL_TYPES, month)]
            total.opened += tally.opened
            total.closed += tally.closed
            total.merge(tally.blob())
        _write(totals)
    return len(tallies)
