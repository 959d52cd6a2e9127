"""Screening benchmark (issue #17): 1,000,000 absence rows of 50,000 employees screened (≤ 30 s),
100,000 rows imported with preview and progress (≤ 60 s), the screening page's p95 (≤ 150 ms).

Part of `make bench` (bench/__main__.py calls `measure`); alone: `DJANGO_SETTINGS_MODULE=config.settings.bench
python -m bench.screening [--employees N --absences N --import-rows N]` (writes bench/results/screening.json).
The data live in two organisations of their own ("Bench Screening AG", "Bench Import AG"), so the case
benchmark's data are untouched; the screening data are generated once and reused.
"""

import argparse
import io
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from bench.alone import arguments, run_alone

ROOT = Path(__file__).resolve().parent.parent
SCREEN_ORG = "Bench Screening AG"
IMPORT_ORG = "Bench Import AG"
SCREEN_USER = "bench_screening"
IMPORT_USER = "bench_importer"
TARGETS = {"screening_seconds": 30.0, "import_seconds": 60.0}
HEADER = "personnel_number;first_name;last_name;birth_date;unit;start;end;kind;percent;work_days_per_week"
FIRST = ["Anna", "Beat", "Carla", "Dario", "Elena", "Fabio", "Gina", "Hans", "Iris", "Jonas", "Käthi", "Luca"]
LAST = ["Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer", "Steiner", "Fischer"]


def _user(username: str, organisation: Any, unit: Any) -> Any:
    from reintegra.accounts.models import Membership, Role, User

    user, _created = User.objects.get_or_create(username=username, defaults={"organisation": organisation})
    Membership.objects.get_or_create(user=user, role=Role.CASE_MANAGER, unit=unit, organisation=organisation)
    return user


def _absence_plan(rng: random.Random, today: date) -> list[tuple[date, date | None, str, int]]:
    """About 20 absences over two years per person; one in twenty has a long one, some an open one."""
    count = max(1, int(rng.gauss(20, 6)))
    offsets = sorted(rng.sample(range(1, 729), count), reverse=True)
    rows = []
    for offset in offsets:
        start = today - timedelta(days=offset)
        long_one = rng.random() < 0.05 / count * 4
        length = rng.randint(30, 90) if long_one else rng.choice((0, 0, 1, 2, 3, 4))
        end = None if offset < 40 and rng.random() < 0.02 else start + timedelta(days=length)
        rows.append((start, end, rng.choice(("illness", "illness", "illness", "accident", "other")), 100))
    return rows


def ensure_screening_data(*, employees: int, absences: int, seed: int) -> dict[str, Any]:
    """The screening organisation with `employees` people and about `absences` rows (generated once)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from reintegra.accounts.models import Organisation, Unit
    from reintegra.cases.services.case import case_types_ensure_shipped
    from reintegra.screening.models import Absence, Employee

    organisation, _created = Organisation.objects.get_or_create(name=SCREEN_ORG)
    case_types_ensure_shipped(organisation=organisation)
    units = [Unit.objects.get_or_create(organisation=organisation, name=f"Standort {n}")[0] for n in range(10)]
    _user(SCREEN_USER, organisation, units[0])
    have = Absence.objects.filter(employee__organisation=organisation).count()
    if have >= absences * 0.95:
        return {
            "employees": Employee.objects.filter(organisation=organisation).count(),
            "absences": have,
            "generated_seconds": None,
        }
    began = time.perf_counter()
    Employee.objects.filter(organisation=organisation).delete()
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    today = timezone.localdate()
    per_person = absences / employees
    now = timezone.now()
    people = [
        Employee(
            id=uuid.UUID(int=rng.getrandbits(128)),
            organisation=organisation,
            personnel_number=f"S{n:06d}",
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            unit=units[n % len(units)],
            work_days_per_week=5,
            created_at=now,
            updated_at=now,
        )
        for n in range(employees)
    ]
    table = connection.ops.quote_name(Absence._meta.db_table)
    sql = f'INSERT INTO {table} (employee_id, start, "end", kind, percent) VALUES (%s, %s, %s, %s, %s)'  # noqa: S608
    with transaction.atomic():
        Employee.objects.bulk_create(people, batch_size=5000)
        batch: list[tuple[Any, ...]] = []
        total = 0
        with connection.cursor() as cursor:
            for person in people:
                plan = _absence_plan(rng, today)
                scale = max(1, round(len(plan) * per_person / 20))
                for start, end, kind, percent in plan[:scale]:
                    pk = person.pk if connection.vendor == "postgresql" else person.pk.hex
                    batch.append((pk, start, end, kind, percent))
                if len(batch) >= 20000:
                    cursor.executemany(sql, batch)
                    total += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                total += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"employees": employees, "absences": total, "generated_seconds": round(time.perf_counter() - began, 1)}


def import_file(rows: int, seed: int) -> bytes:
    """An HR export as Excel writes it in CH: Windows-1252, semicolons, dd.mm.yyyy; 10 absences per person."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    today = datetime.now().astimezone().date()
    out = io.StringIO()
    out.write(HEADER + "\r\n")
    people = max(1, rows // 10)
    for person in range(people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        for offset in sorted(rng.sample(range(1, 700), 10), reverse=True):
            start = today - timedelta(days=offset)
            end = start + timedelta(days=rng.randint(0, 5))
            out.write(
                f"I{person:06d};{first};{last};01.02.1980;Standort {person % 5};{start:%d.%m.%Y};{end:%d.%m.%Y};"
                f"Krankheit;100;5\r\n"
            )
    return out.getvalue().encode("cp1252")


def measure_import(*, rows: int, seed: int) -> dict[str, Any]:
    """Preview, then the import job with its progress row, then the same file again (imports nothing new)."""
    from bench.measure import timed
    from reintegra.accounts.models import Organisation, Unit
    from reintegra.cases.services.case import case_types_ensure_shipped
    from reintegra.screening.models import Absence, Employee
    from reintegra.screening.services.imports import import_job_create, import_job_run, import_job_start

    organisation, _created = Organisation.objects.get_or_create(name=IMPORT_ORG)
    case_types_ensure_shipped(organisation=organisation)
    units = [Unit.objects.get_or_create(organisation=organisation, name=f"Standort {n}")[0] for n in range(5)]
    user = _user(IMPORT_USER, organisation, units[0])
    Employee.objects.filter(organisation=organisation).delete()  # a fresh import every run
    payload = import_file(rows, seed)
    result: dict[str, Any] = {"rows": rows, "file_bytes": len(payload)}

    def run(job: Any) -> None:
        import_job_start(actor=user, job=job)  # queues the task (no worker runs during the bench) …
        import_job_run(job_id=str(job.pk))  # … so its body runs here, in-process; the queued task finds it done
        job.refresh_from_db()

    for label in ("first", "again"):
        job, preview = timed(lambda: import_job_create(actor=user, payload=payload, filename="bench.csv"))
        _none, rest = timed(partial(run, job))
        total = preview + rest
        result[label] = {
            "preview_seconds": round(preview, 2),
            "seconds": round(total, 2),
            "status": job.status,
            "imported": job.summary.get("imported"),
            "unchanged": job.summary.get("unchanged"),
        }
    result["stored_absences"] = Absence.objects.filter(employee__organisation=organisation).count()
    result["seconds"] = result["first"]["seconds"]
    result["target_seconds"] = TARGETS["import_seconds"]
    result["met"] = result["seconds"] <= TARGETS["import_seconds"] and result["first"]["status"] == "done"
    return result


def measure(
    *, employees: int, absences: int, import_rows: int, seed: int, requests: int, warmup: int
) -> dict[str, Any]:
    """Everything the issue asks, as one dict (added to latest.json under "screening") and the page's result."""
    from bench.measure import measure_page, timed
    from bench.pages import Page, signed_in_client
    from reintegra.accounts.models import Organisation, User
    from reintegra.screening.services.runs import screening_run

    data = ensure_screening_data(employees=employees, absences=absences, seed=seed)
    organisation = Organisation.objects.get(name=SCREEN_ORG)
    print(f"screening {data['absences']:,} absences of {data['employees']:,} employees ...", file=sys.stderr)
    hits, seconds = timed(lambda: screening_run(organisation=organisation))
    print(f"  {hits:,} hits in {seconds:.1f} s; importing {import_rows:,} rows ...", file=sys.stderr)
    imported = measure_import(rows=import_rows, seed=seed)
    print(f"  imported in {imported['seconds']:.1f} s; measuring the screening page ...", file=sys.stderr)
    client = signed_in_client(User.objects.get(username=SCREEN_USER))
    page = measure_page(
        client,
        Page("screening_list", "/screening/", f"screening list, first page of {hits:,} hits"),
        requests=requests,
        warmup=warmup,
    ).as_dict()
    return {
        "dataset": data,
        "run": {
            "seconds": round(seconds, 2),
            "hits": hits,
            "target_seconds": TARGETS["screening_seconds"],
            "met": seconds <= TARGETS["screening_seconds"],
        },
        "import": imported,
        "page": page,
    }


def verdict_lines(screening: dict[str, Any]) -> tuple[list[str], list[str]]:
    met: list[str] = []
    missed: list[str] = []
    run, imported = screening["run"], screening["import"]
    line = f"screening run: {run['seconds']} s for {screening['dataset']['absences']:,} absences (target ≤ 30 s)"
    (met if run["met"] else missed).append(line)
    line = f"import: {imported['seconds']} s for {imported['rows']:,} rows (target ≤ 60 s)"
    (met if imported["met"] else missed).append(line)
    return met, missed


def _verdicts_with_page(screening: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Alone, the screening page's verdict too (in `make bench` the page is one of the pages)."""
    from bench.measure import p95_line

    met, missed = verdict_lines(screening)
    (met if screening["page"]["p95_met"] else missed).append(p95_line(screening["page"], 150))
    return met, missed


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = arguments("bench.screening", __doc__)
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--absences", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    return run_alone(
        "screening",
        lambda: measure(
            employees=args.employees,
            absences=args.absences,
            import_rows=args.import_rows,
            seed=args.seed,
            requests=args.requests,
            warmup=args.warmup,
        ),
        _verdicts_with_page,
    )


if __name__ == "__main__":
    sys.exit(main())
