"""`make bench` = `DJANGO_SETTINGS_MODULE=config.settings.bench python -m bench`.

1. Prepares the bench database (migrations, demo accounts) and generates the synthetic
   data, or reuses them when the marker says they exist.
2. Adds anonymous inquiries for the inbox page (bench/datagen/inquiries.py, one per 20 cases);
   measures each page in-process (warm-up, then N timed requests): p50/p95, queries,
   the same SQL replayed through the raw driver, and the ratio.
3. Peers: the Django admin changelist in-process; the bare view vs case_detail under
   gunicorn with 2 workers and a bounded loopback load.
4. Screening (bench/screening.py, issue #17): 1,000,000 absences of 50,000 employees screened,
   100,000 rows imported, the screening page's p95 (under "screening" and as page "screening_list").
5. Insights (bench/insights.py, issue #19): the insights page and API over the statistical records
   of --insights-records cases (default: as many as --cases), as pages "insights", "insights_lead",
   "insights_api" (and under "insights").
6. Prints a table and writes bench/results/latest.json.

Options: --cases N (default $BENCH_CASES or 100000), --requests, --warmup,
--load-seconds, --load-threads, --no-gunicorn, --no-screening, --screening-employees,
--screening-absences, --screening-import-rows, --no-insights, --insights-records. DATABASE_URL selects PostgreSQL.
"""

import argparse
import os
import subprocess
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", "100000")))
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", "200")))
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=10.0)
    parser.add_argument("--load-threads", type=int, default=4)
    parser.add_argument("--no-gunicorn", action="store_true", help="skip the throughput peer")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--no-screening", action="store_true", help="skip the screening benchmark (bench/screening.py)")
    parser.add_argument("--screening-employees", type=int, default=50_000)
    parser.add_argument("--screening-absences", type=int, default=1_000_000)
    parser.add_argument("--screening-import-rows", type=int, default=100_000)
    parser.add_argument("--no-insights", action="store_true", help="skip the insights benchmark (bench/insights.py)")
    parser.add_argument("--insights-records", type=int, default=None, help="default: as many as --cases")
    return parser.parse_args(argv)


def _prepare(cases: int, seed: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from bench.datagen.run import existing_cases, generate
    from bench.models import GeneratedDataset

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", interactive=False, verbosity=0)
    call_command("migrate", database="audit", interactive=False, verbosity=0)
    before = existing_cases()
    if before >= cases:
        print(f"Reusing the generated data: {before:,} cases (asked for {cases:,}).", file=sys.stderr)
        # Data generated before the generator stored the checklist state (reads compute it then).
        call_command("checklist_refresh", stdout=sys.stderr)
        # Data generated before the due-items table existed (the generator fills it now).
        call_command("due_items_refresh", stdout=sys.stderr)
        if pending and before:
            # New columns and indexes on existing data: the planner needs their statistics
            # (what a deployment does after such a migration, too).
            print(f"Applied {len(pending)} migrations to existing data: ANALYZE ...", file=sys.stderr)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    else:
        print(f"Generating {cases - before:,} cases on {connection.vendor} ...", file=sys.stderr)
        outcome = generate(cases=cases, seed=seed)
        print(f"Generated in {outcome.seconds:.0f} s.", file=sys.stderr)
    marker = GeneratedDataset.objects.get()
    return {
        "generated": marker.cases_done,
        "seed": marker.seed,
        "anchor": marker.anchor.isoformat(),
        "generation_seconds": round(marker.seconds, 1),
        "rows": marker.rows,
    }


def _db_info() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    return {"db": "postgresql" if connection.vendor == "postgresql" else connection.vendor, "db_version": version}


def _git() -> dict[str, Any]:
    """The commit measured, and whether the tree had uncommitted changes (read-only git)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": bool(dirty)}


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    sys.path.insert(0, str(ROOT))
    # WhiteNoise warns that STATIC_ROOT does not exist (the bench serves static files from the finders).
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from bench import loadgen, peers, report
    from bench.datagen.inquiries import ensure_inquiries
    from bench.datagen.setup import BENCH_ADMIN, BENCH_USER
    from bench.measure import measure_page
    from bench.pages import bench_pages, clients_for
    from reintegra.accounts.models import User
    from reintegra.cases.models import Case
    from reintegra.core.runtime import tune_garbage_collector

    started, began = datetime.now(UTC), time.perf_counter()
    loadavg_start = [round(x, 2) for x in os.getloadavg()]
    generated = _prepare(args.cases, args.seed)
    user = User.objects.get(username=BENCH_USER)
    generated["inquiries"] = ensure_inquiries(cases=generated["generated"], seed=args.seed)
    measured = bench_pages(user)
    clients = clients_for(user, measured)
    tune_garbage_collector()  # as config/wsgi.py does in every server process
    pages = []
    for page in measured:
        print(f"measuring {page.name} ...", file=sys.stderr)
        pages.append(measure_page(clients[page.user], page, requests=args.requests, warmup=args.warmup).as_dict())
    screening_result: dict[str, Any] | None = None
    if not args.no_screening:
        from bench import screening

        print("measuring screening (issue #17) ...", file=sys.stderr)
        screening_result = screening.measure(
            employees=args.screening_employees,
            absences=args.screening_absences,
            import_rows=args.screening_import_rows,
            seed=args.seed,
            requests=args.requests,
            warmup=args.warmup,
        )
        pages.append(screening_result.pop("page"))  # the screening page is a page like the others
    insights_result: dict[str, Any] | None = None
    if not args.no_insights:
        from bench import insights

        print("measuring insights (issue #19) ...", file=sys.stderr)
        insights_result = insights.measure(
            records=args.insights_records or args.cases, seed=args.seed, requests=args.requests, warmup=args.warmup
        )
        pages += insights_result.pop("pages")
    case_list = next(p for p in pages if p["name"] == "case_list")
    print("measuring the admin changelist ...", file=sys.stderr)
    peer_results = [
        peers.admin_changelist(
            User.objects.get(username=BENCH_ADMIN), case_list["p50_ms"], requests=args.requests, warmup=args.warmup
        )
    ]
    if not args.no_gunicorn:
        print("measuring throughput under gunicorn ...", file=sys.stderr)
        detail_url = next(p for p in pages if p["name"] == "case_detail")["url"]
        load = loadgen.LoadSettings(threads=args.load_threads, duration_s=args.load_seconds)
        peer_results.append(peers.throughput(user, detail_url, load))
    result: dict[str, Any] = {
        "dataset": {"cases": Case.objects.count(), **_db_info(), **generated, "user": BENCH_USER},
        "pages": pages,
        "peers": peer_results,
        "run": {
            "started_at": started.isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - began, 1),
            "requests_per_page": args.requests,
            "warmup": args.warmup,
            "client": "django.test.Client in one process (force_login), time.perf_counter per request",
            "git": _git(),
        },
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg_start": loadavg_start,
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
            "python": sys.version.split()[0],
        },
    }
    if screening_result is not None:
        result["screening"] = screening_result
    if insights_result is not None:
        result["insights"] = insights_result
    met, missed = report.verdicts(result)
    result["targets"] = {"met": met, "missed": missed}
    paths = report.write(result, args.output)
    print(report.table(result))
    print("Written: " + ", ".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
