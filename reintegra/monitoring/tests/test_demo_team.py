"""The team demo (issue #14): about 30 cases across the phases, reviews due and overdue, a handover;
idempotent and quick."""

import time
from importlib import import_module

import pytest
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseEvent
from reintegra.monitoring.selectors import caseload
from reintegra.plans.models import Plan

pytestmark = pytest.mark.django_db(databases=["default", "audit"])


def _load() -> None:
    for app in ("accounts", "cases", "plans", "monitoring"):
        import_module(f"reintegra.{app}.demo").load()


def test_team_demo_is_realistic_idempotent_and_quick():
    started = time.monotonic()
    _load()
    first_run = time.monotonic() - started
    count = Case.objects.count()
    assert count >= 30
    _load()
    assert Case.objects.count() == count
    assert CaseEvent.objects.filter(kind="case_reassigned").count() == 1
    today = timezone.localdate()
    plans = Plan.objects.filter(next_review_on__isnull=False)
    assert plans.filter(next_review_on__lt=today).count() >= 2
    assert plans.filter(next_review_on__gte=today, next_review_on__lte=today + timezone.timedelta(days=7)).count() >= 2
    rows = {row.display_name: row for row in caseload(User.objects.get(username="carla"))}
    assert set(rows) >= {"Anna Keller", "Ben Müller"}
    for row in rows.values():
        assert row.open > 5 and all(row.by_phase[key] > 0 for key in ("intake", "assessment", "planning", "monitoring"))
    assert sum(row.overdue for row in rows.values()) >= 2
    assert first_run < 60, first_run


def test_the_caseload_counts_can_be_read_from_their_covering_indexes_alone():
    """The open counts per manager and phase and the overdue counts per manager are COUNT(*) that
    `case_caseload_idx` and `dueitem_manager_date_cover_idx` cover (no table row needed): at 100,000
    cases 35 and 48 ms of SQL became 5 and 6 ms (docs/performance.md, "Issue 22"). Which index the
    planner picks depends on the data's statistics; here each is named, so that a column added to
    either query without adding it to its index fails."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _load()
    carla = User.objects.get(username="carla")
    with CaptureQueriesContext(connection) as queries:
        rows = caseload(carla)
    assert sum(row.open for row in rows) > 0 and sum(row.overdue for row in rows) > 0
    counts = [q["sql"] for q in queries if "GROUP BY" in q["sql"]]
    assert len(counts) == 2 and all("COUNT(*)" in sql for sql in counts), counts
    if connection.vendor != "sqlite":
        return  # PostgreSQL has no INDEXED BY; its plans are measured in `make bench`
    named = [
        counts[0].replace('FROM "cases_case"', 'FROM "cases_case" INDEXED BY case_caseload_idx'),
        counts[1].replace('FROM "plans_dueitem"', 'FROM "plans_dueitem" INDEXED BY dueitem_manager_date_cover_idx'),
    ]
    with connection.cursor() as cursor:
        plans = [" ".join(row[-1] for row in cursor.execute("EXPLAIN QUERY PLAN " + sql).fetchall()) for sql in named]
    assert "COVERING INDEX case_caseload_idx" in plans[0], plans
    assert "COVERING INDEX dueitem_manager_date_cover_idx" in plans[1], plans
