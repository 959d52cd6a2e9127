"""Importing absences: a preview first, then all or nothing, idempotent.

An absence is identified by the person and its first day, so the same file imported twice
imports nothing new; a changed end (an absence that has ended since) updates the row.
The work is set-based: one read of the organisation's employees, one of the absences in the
file's date range, then bulk writes — never a query per row.
"""

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation, Unit, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.exceptions import Conflict, InvalidInput
from reintegra.core.permissions import require
from reintegra.screening.models import Absence, ColumnMapping, Employee, ImportJob, ImportStatus
from reintegra.screening.permissions import can_import_absences
from reintegra.screening.services.parsing import MAX_ERRORS, ParsedRow, RowError, parse_rows

BATCH = 2000
EMPLOYEE_FIELDS = ("first_name", "last_name", "birth_date", "unit_id", "work_days_per_week")


def absence_retention_days() -> int:
    return int(getattr(settings, "REINTEGRA_SCREENING_ABSENCE_RETENTION_DAYS", 730))


@dataclass
class ImportPlan:
    """What importing the rows would do (the preview), and the rows to write."""

    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    too_old: int = 0
    employees_new: int = 0
    employees_updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_employees: dict[str, Employee] = field(default_factory=dict, repr=False)
    changed_employees: list[Employee] = field(default_factory=list, repr=False)
    new_absences: list[tuple[str, ParsedRow]] = field(default_factory=list, repr=False)
    changed_absences: list[Absence] = field(default_factory=list, repr=False)

    def summary(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "imported": self.new + self.updated,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "too_old": self.too_old,
            "employees_new": self.employees_new,
            "employees_updated": self.employees_updated,
        }

    def error_dicts(self) -> list[dict[str, Any]]:
        shown = [error.as_dict() for error in self.errors[:MAX_ERRORS]]
        if len(self.errors) > MAX_ERRORS:
            more = len(self.errors) - MAX_ERRORS
            shown.append({"row": None, "field": "file", "message": _("… and %(n)d more errors.") % {"n": more}})
        return shown


@dataclass(frozen=True)
class ImportResult:
    """The answer of an import: counted in absence rows (API.md)."""

    imported: int
    unchanged: int
    new: int
    updated: int
    too_old: int
    rows: int
    employees_new: int
    employees_updated: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _employee_values(row: ParsedRow, unit_id: Any) -> dict[str, Any]:
    return {
        "first_name": row.first_name,
        "last_name": row.last_name,
        "birth_date": row.birth_date,
        "unit_id": unit_id,
        "work_days_per_week": row.work_days_per_week,
    }


def import_plan(
    *, organisation: Organisation, rows: list[ParsedRow], errors: list[RowError], today: date | None = None
) -> ImportPlan:
    """Compare the checked rows with what is stored: new, updated, unchanged, and the errors that remain."""
    today = today or timezone.localdate()
    oldest = today - timedelta(days=absence_retention_days())
    plan = ImportPlan(rows=len(rows) + len({e.row for e in errors if e.row is not None}), errors=list(errors))
    units = {u.name.casefold(): u.pk for u in Unit.objects.filter(organisation=organisation)}
    stored = {
        values[0]: values
        for values in Employee.objects.filter(organisation=organisation).values_list(
            "personnel_number", "id", *EMPLOYEE_FIELDS
        )
    }
    starts = [row.start for row in rows]
    existing: dict[tuple[Any, date], tuple[Any, date | None, str, int]] = {}
    if starts:
        for pk, employee_id, start, end, kind, percent in Absence.objects.filter(
            employee__organisation=organisation, start__gte=min(starts), start__lte=max(starts)
        ).values_list("id", "employee_id", "start", "end", "kind", "percent"):
            existing[(employee_id, start)] = (pk, end, kind, percent)

    first_seen: dict[str, tuple[int, dict[str, Any]]] = {}
    in_file: dict[tuple[str, date], ParsedRow] = {}
    for row in rows:
        unit_id = None
        if row.unit:
            unit_id = units.get(row.unit.casefold())
            if unit_id is None:
                plan.errors.append(RowError(row.row, "unit", _("Unknown unit “%(name)s”.") % {"name": row.unit}))
                continue
        values = _employee_values(row, unit_id)
        seen = first_seen.setdefault(row.personnel_number, (row.row, values))
        differing = [name for name in EMPLOYEE_FIELDS if seen[1][name] != values[name]]
        if differing:
            field_name = differing[0].removesuffix("_id")
            plan.errors.append(
                RowError(row.row, field_name, _("Differs from row %(row)d for the same person.") % {"row": seen[0]})
            )
            continue
        twin = in_file.get((row.personnel_number, row.start))
        if twin is not None:
            if (twin.end, twin.kind, twin.percent) != (row.end, row.kind, row.percent):
                plan.errors.append(
                    RowError(
                        row.row, "start", _("Row %(row)d has another absence starting that day.") % {"row": twin.row}
                    )
                )
            else:
                plan.unchanged += 1
            continue
        in_file[(row.personnel_number, row.start)] = row
        if row.end is not None and row.end < oldest:
            plan.too_old += 1  # would be deleted tonight: not stored at all
            continue
        known = stored.get(row.personnel_number)
        if known is None:
            if row.personnel_number not in plan.new_employees:
                plan.new_employees[row.personnel_number] = Employee(
                    organisation=organisation, personnel_number=row.personnel_number, **values
                )
                plan.employees_new += 1
            plan.new_absences.append((row.personnel_number, row))
            plan.new += 1
            continue
        employee_id = known[1]
        if dict(zip(EMPLOYEE_FIELDS, known[2:], strict=True)) != values:
            changed = Employee(pk=employee_id, organisation=organisation, personnel_number=row.personnel_number)
            for name, value in values.items():
                setattr(changed, name, value)
            plan.changed_employees.append(changed)
            stored[row.personnel_number] = (row.personnel_number, employee_id, *values.values())
            plan.employees_updated += 1
        previous = existing.get((employee_id, row.start))
        if previous is None:
            plan.new_absences.append((row.personnel_number, row))
            plan.new += 1
        elif previous[1:] == (row.end, row.kind, row.percent):
            plan.unchanged += 1
        else:
            plan.changed_absences.append(
                Absence(
                    pk=previous[0],
                    employee_id=employee_id,
                    start=row.start,
                    end=row.end,
                    kind=row.kind,
                    percent=row.percent,
                )
            )
            plan.updated += 1
    plan.errors.sort(key=lambda e: (e.row or 0, e.field))
    return plan


def _insert_absences(rows: list[tuple[Any, ParsedRow]]) -> None:
    """New absences through the cursor: the rows are checked already, and at 100,000 rows building a
    model instance per row and compiling the bulk INSERT took longer than the database did (measured)."""
    employee_field: Any = Absence._meta.get_field("employee")
    ops, quote = connection.ops, connection.ops.quote_name
    columns = ("employee_id", "start", "end", "kind", "percent")
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model, values as parameters
        quote(Absence._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    values = [
        (
            employee_field.get_db_prep_value(employee_id, connection),
            ops.adapt_datefield_value(row.start),
            ops.adapt_datefield_value(row.end),
            row.kind,
            row.percent,
        )
        for employee_id, row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start : start + BATCH])


def _apply(*, actor: User, organisation: Organisation, plan: ImportPlan) -> None:
    Employee.objects.bulk_create(plan.new_employees.values(), batch_size=BATCH)
    Employee.objects.bulk_update(
        plan.changed_employees, [*EMPLOYEE_FIELDS[:3], "unit", "work_days_per_week"], batch_size=BATCH
    )
    ids = {e.personnel_number: e.pk for e in plan.new_employees.values()}
    if len(ids) < len({number for number, _row in plan.new_absences}):
        ids.update(Employee.objects.filter(organisation=organisation).values_list("personnel_number", "id"))
    _insert_absences([(ids[number], row) for number, row in plan.new_absences])
    Absence.objects.bulk_update(plan.changed_absences, ["end", "kind", "percent"], batch_size=BATCH)
    access_log_write(
        user=actor,
        action=AccessAction.CHANGE,
        object_type="absence",
        detail=f"import: {plan.new} new, {plan.updated} updated, {plan.unchanged} unchanged absences",
    )


def _raise_errors(plan: ImportPlan) -> None:
    if plan.errors:
        raise InvalidInput({"errors": plan.error_dicts()})


@transaction.atomic
def absences_import(
    *, actor: User, payload: bytes, mapping: ColumnMapping | None = None, today: date | None = None
) -> ImportResult:
    """Import a CSV or XLSX file at once: any bad row stores nothing (400 naming row and field)."""
    organisation = actor.organisation
    require(can_import_absences(actor), _("Only case managers, team leads and admins import absences."))
    assert organisation is not None
    if mapping is not None and mapping.organisation_id != organisation.pk:
        raise InvalidInput({"mapping": [_("Choose a column mapping of your organisation.")]})
    rows, errors = parse_rows(payload, mapping.columns if mapping else None)
    plan = import_plan(organisation=organisation, rows=rows, errors=errors, today=today)
    _raise_errors(plan)
    _apply(actor=actor, organisation=organisation, plan=plan)
    from reintegra.screening.services.runs import screening_run

    screening_run(organisation=organisation, today=today)
    return ImportResult(**{k: v for k, v in plan.summary().items()})


@transaction.atomic
def import_job_create(*, actor: User, payload: bytes, filename: str, mapping: ColumnMapping | None = None) -> ImportJob:
    """Check an uploaded file and keep its preview (counts and errors); nothing is imported yet."""
    organisation = actor.organisation
    require(can_import_absences(actor), _("Only case managers, team leads and admins import absences."))
    assert organisation is not None
    if mapping is not None and mapping.organisation_id != organisation.pk:
        raise InvalidInput({"mapping": [_("Choose a column mapping of your organisation.")]})
    rows, errors = parse_rows(payload, mapping.columns if mapping else None)
    plan = import_plan(organisation=organisation, rows=rows, errors=errors)
    job = ImportJob.objects.create(
        organisation=organisation,
        created_by=actor,
        filename=filename[:200],
        payload=b"" if plan.errors else payload,  # a file with errors is never imported: not kept
        mapping=mapping,
        rows_total=plan.rows,
        summary=plan.summary(),
        errors=plan.error_dicts(),
    )
    return job


@transaction.atomic
def import_job_start(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue the previewed import (a background task updates the job's progress)."""
    require(can_import_absences(actor, job))
    if job.errors:
        raise Conflict(_("This file has errors: correct them and upload it again."))
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.QUEUED, rows_done=0
    )
    if updated:
        from reintegra.screening.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.enqueue(str(job.pk)))
    job.refresh_from_db()
    return job


def import_job_run(*, job_id: str, progress_every: int = 5000) -> str:
    """Run a queued import (the task's body). Idempotent: only a queued job is claimed, once.

    Reading and checking the rows reports progress row by row (committed, so the page polling
    the job sees it); storing is one transaction, all or nothing.
    """
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(status=ImportStatus.RUNNING)
    if not claimed:
        return "not queued"
    job = ImportJob.objects.select_related("organisation", "mapping", "created_by").get(pk=job_id)

    def progress(done: int) -> None:
        # Reading is about 80 % of the work; storing the rest.
        ImportJob.objects.filter(pk=job_id).update(rows_done=int(done * 0.8))

    try:
        actor = job.created_by
        if actor is None:
            raise Conflict(_("The person who uploaded this file no longer exists."))
        rows, errors = parse_rows(bytes(job.payload), job.mapping.columns if job.mapping else None, progress=progress)
        with transaction.atomic():
            plan = import_plan(organisation=job.organisation, rows=rows, errors=errors)
            _raise_errors(plan)
            _apply(actor=actor, organisation=job.organisation, plan=plan)
            from reintegra.screening.services.runs import screening_run

            screening_run(organisation=job.organisation)
    except (InvalidInput, Conflict) as exc:
        found = exc.errors.get("errors") if isinstance(exc, InvalidInput) else None
        message = exc.detail if isinstance(exc, Conflict) else str(exc.errors)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            payload=b"",
            errors=found or [{"row": None, "field": "file", "message": message}],
        )
        return "failed"
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.DONE, payload=b"", rows_done=job.rows_total, summary=plan.summary()
    )
    return "done"


@transaction.atomic
def column_mapping_save(
    *, actor: User, name: str, columns: dict[str, str], mapping: ColumnMapping | None = None
) -> ColumnMapping:
    """Create or change a saved column mapping (our column → the header in the HR system's export)."""
    from reintegra.screening.permissions import can_manage_column_mappings
    from reintegra.screening.services.parsing import COLUMNS

    require(can_manage_column_mappings(actor, mapping))
    cleaned = {key: str(value).strip()[:100] for key, value in columns.items() if key in COLUMNS and str(value).strip()}
    target = mapping or ColumnMapping(organisation=actor.organisation)
    target.name = name.strip()
    target.columns = cleaned
    target.full_clean()
    if mapping is not None:
        target.version += 1
    target.save()
    return target
