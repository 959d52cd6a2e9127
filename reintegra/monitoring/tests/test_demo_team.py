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
