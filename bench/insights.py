"""Insights benchmark (issue #19): the insights page and API over the statistical records
(`insights.CaseFigures`) of 100,000 cases (target p95 ≤ 300 ms on SQLite; 1,000,000 on PostgreSQL),
and what keeping them on write costs (the write path's last step, per change).

Part of `make bench` (bench/__main__.py calls `measure` unless `--no-insights`); alone:
`DJANGO_SETTINGS_MODULE=config.settings.bench python -m bench.insights [--records N]` (writes
bench/results/insights.json). The records live in an organisation of their own ("Bench Insights AG",
five units, twenty case managers, a team lead of one unit and an organisation admin), generated
once in bulk and reused, so the case benchmark's data are untouched. The page reads only these
records (never the cases), so records without cases measure the same page.
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from bench.alone import arguments, run_alone

ROOT = Path(__file__).resolve().parent.parent
ORG = "Bench Insights AG"
LEAD = "bench_insights_lead"
ADMIN = "bench_insights_admin"
TARGET_P95_MS = 300.0
PHASES = ["intake", "assessment", "planning", "monitoring", "evaluation"]
OUTCOMES = ["rtw_full", "rtw_full", "rtw_partial", "no_rtw", "other"]
BEARERS = ["employer", "insurer", "iv", "health_insurance"]
ITEMS = [
    "sat_informed",
    "sat_heard",
    "sat_decided",
    "sat_reachable",
    "sat_fitting",
    "sat_kept",
    "sat_trust",
    "sat_respect",
]


def _people(organisation: Any, units: list[Any]) -> tuple[Any, Any, list[Any]]:
    from reintegra.accounts.models import Membership, Role, User

    def user(username: str, role: str, unit: Any) -> Any:
        person, _created = User.objects.get_or_create(
            username=username, defaults={"organisation": organisation, "first_name": username.title()}
        )
        Membership.objects.get_or_create(user=person, role=role, unit=unit, organisation=organisation)
        return person

    managers = [user(f"bench_insights_cm{n}", Role.CASE_MANAGER, units[n % len(units)]) for n in range(20)]
    return user(LEAD, Role.TEAM_LEAD, units[0]), user(ADMIN, Role.ORG_ADMIN, None), managers


def _record(
    rng: random.Random, today: date, organisation: Any, units: list[Any], managers: list[Any]
) -> tuple[Any, list[tuple[str, Decimal, Decimal]], dict[str, float]]:
    """One record, its costs per bearer and its satisfaction answers."""
    from reintegra.insights.models import CaseFigures

    opened = today - timedelta(days=int(rng.triangular(0, 6 * 365, 0)))
    age = (today - opened).days
    closed = None
    if rng.random() < min(0.95, 0.2 + age / 400):
        closed = opened + timedelta(days=min(age, int(rng.gammavariate(2.0, 60))))
    manager = rng.choice(managers)
    unit = units[managers.index(manager) % len(units)]
    kind = rng.choice(["bem", "bem", "iv-early", "general"])
    phase_days: dict[str, int] = {}
    for key in PHASES[: rng.randint(0, 5) if closed is None else 5]:
        phase_days[key] = rng.randint(1, 40)
    planned = Decimal(rng.choice([0, 0, 500, 1200, 3000]))
    bearer = rng.choice(BEARERS)
    wai_n = rng.choice([0, 0, 1, 2, 3])
    costs = [(bearer, planned, planned)] if planned else []
    answers = {item: float(rng.randint(1, 4)) for item in ITEMS} if closed and rng.random() < 0.4 else {}
    record = CaseFigures(
        case=None,
        organisation=organisation,
        unit=unit,
        case_manager=manager,
        case_type_key=kind,
        rtw_applicable=kind != "general",
        opened_on=opened,
        closed_on=closed,
        current_phase="" if closed else rng.choice(PHASES),
        first_contact_days=rng.randint(0, 14) if rng.random() < 0.9 else None,
        **{f"days_{key}": phase_days.get(key) for key in PHASES},
        days_to_close=(closed - opened).days if closed else None,
        outcome=rng.choice(OUTCOMES) if closed else "",
        gas_t_score=round(rng.gauss(50, 10), 1) if closed and rng.random() < 0.7 else None,
        wai_first=float(rng.randint(7, 49)) if wai_n else None,
        wai_last=float(rng.randint(7, 49)) if wai_n else None,
        wai_responses=wai_n,
        absence_days_before=rng.randint(0, 120) if rng.random() < 0.3 else None,
        absence_days_after=rng.randint(0, 60) if closed and rng.random() < 0.3 else None,
        planned_cost=planned,
        actual_cost=(planned * Decimal(rng.choice(["0.8", "1", "1.1"]))).quantize(Decimal("0.01")),
        has_costs=bool(costs),
        refreshed_at=_now(),
    )
    return record, costs, answers


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


def ensure_data(*, records: int, seed: int) -> dict[str, Any]:
    """The organisation with `records` statistical records (generated once, extended when asked for more)."""
    from django.db import transaction
    from django.utils import timezone

    from reintegra.accounts.models import Organisation, Unit
    from reintegra.insights.models import CaseFigures, CaseFiguresAnswer, CaseFiguresCell, CaseFiguresCost
    from reintegra.insights.services import summary_rebuild

    organisation, _created = Organisation.objects.get_or_create(name=ORG)
    units = [Unit.objects.get_or_create(organisation=organisation, name=f"Standort {n}")[0] for n in range(5)]
    _lead, _admin, managers = _people(organisation, units)
    have = CaseFigures.objects.filter(organisation=organisation).count()
    began = time.perf_counter()  # the data's generation, not a measurement
    if have < records:
        rng = random.Random(seed + have)  # noqa: S311 - synthetic data
        today = timezone.localdate()
        batch: list[Any] = []

        def flush() -> None:
            CaseFigures.objects.bulk_create([record for record, _costs, _answers in batch])
            CaseFiguresCost.objects.bulk_create(
                CaseFiguresCost(figures=record, bearer=bearer, planned=planned, actual=actual)
                for record, costs, _answers in batch
                for bearer, planned, actual in costs
            )
            CaseFiguresAnswer.objects.bulk_create(
                CaseFiguresAnswer(figures=record, item=item, value=value)
                for record, _costs, answers in batch
                for item, value in answers.items()
            )
            batch.clear()

        with transaction.atomic():
            for _ in range(records - have):
                batch.append(_record(rng, today, organisation, units, managers))
                if len(batch) == 5000:
                    flush()
            flush()
            summary_rebuild(organisation_id=organisation.pk)  # bulk-created: no write path kept it
    elif not CaseFiguresCell.objects.filter(organisation=organisation).exists():
        summary_rebuild(organisation_id=organisation.pk)  # records of a version before the summary
    # Fresh planner statistics (0.15 s at 100,000 records): taken before the records existed (the
    # ANALYZE after generating the cases), they describe a few dozen rows and SQLite plans as if.
    from django.db import connection

    with connection.cursor() as cursor:
        for model in (CaseFigures, CaseFiguresCell, CaseFiguresCost, CaseFiguresAnswer):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return {
        "records": CaseFigures.objects.filter(organisation=organisation).count(),
        "generated_seconds": round(time.perf_counter() - began, 1) if have < records else None,
    }


def measure_write_step(*, changes: int = 50) -> dict[str, Any]:
    """What keeping the record costs per change: `case_figures_refresh_step` on existing cases."""
    from reintegra.cases.models import Case
    from reintegra.insights.services import case_figures_refresh_step

    ids = list(Case.objects.order_by("-created_at").values_list("pk", flat=True)[:changes])
    if not ids:
        return {"changes": 0}
    from bench.measure import time_calls

    return {"changes": len(ids), **time_calls(partial(case_figures_refresh_step, case_id) for case_id in ids).__dict__}


def measure(*, records: int, seed: int, requests: int, warmup: int) -> dict[str, Any]:
    """The pages (added to latest.json as pages) and the dataset, as one dict."""
    from bench.measure import measure_page
    from bench.pages import Page, signed_in_client
    from reintegra.accounts.models import User

    data = ensure_data(records=records, seed=seed)
    print(f"insights over {data['records']:,} records ...", file=sys.stderr)
    admin = signed_in_client(User.objects.get(username=ADMIN))
    lead = signed_in_client(User.objects.get(username=LEAD))
    pages = [
        measure_page(admin, Page("insights", "/insights/", f"insights page, all units ({data['records']:,} records)"),
                     requests=requests, warmup=warmup).as_dict(),
        measure_page(lead, Page("insights_lead", "/insights/", "insights page, a team lead's unit (a fifth)"),
                     requests=requests, warmup=warmup).as_dict(),
        measure_page(admin, Page("insights_api", "/api/v1/insights/", "GET /api/v1/insights/, all units"),
                     requests=requests, warmup=warmup).as_dict(),
    ]  # fmt: skip
    return {"dataset": data, "pages": pages, "write_step": measure_write_step()}


def verdict_lines(result: dict[str, Any]) -> tuple[list[str], list[str]]:
    met: list[str] = []
    missed: list[str] = []
    from bench.measure import p95_line

    for page in result["pages"]:
        (met if page["p95_ms"] <= TARGET_P95_MS else missed).append(p95_line(page, TARGET_P95_MS))
    return met, missed


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = arguments("bench.insights", __doc__)
    parser.add_argument("--records", type=int, default=100_000)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    return run_alone(
        "insights",
        lambda: measure(records=args.records, seed=args.seed, requests=args.requests, warmup=args.warmup),
        verdict_lines,
    )


if __name__ == "__main__":
    sys.exit(main())
