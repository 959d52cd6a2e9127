"""Every figure on the hand-built data set of conftest.py, with the answers worked out by hand."""

from datetime import timedelta

import pytest

from reintegra.insights.models import CaseFigures
from reintegra.insights.selectors import insights_filters, insights_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(lead, today, data):
    filters = insights_filters(user=lead, date_from=today - timedelta(days=199), date_to=today)
    return insights_read(user=lead, filters=filters)


def test_caseload(figures):
    # Opened in the period: c1–c8; closed: c1–c6; open at its end: c7, c8 (too few to show).
    assert figures["cases"]["opened"] == 8
    assert figures["cases"]["closed"] == 6
    assert figures["cases"]["open"] is None
    assert "cases.open" in figures["suppressed"]
    # Open now by phase: one in intake, one in assessment: both hidden.
    assert figures["cases"]["open_by_phase"] == {
        "intake": None, "assessment": None, "planning": 0, "monitoring": 0, "evaluation": 0,
    }  # fmt: skip
    assert {"cases.open_by_phase.intake", "cases.open_by_phase.assessment"} <= set(figures["suppressed"])
    (alice,) = figures["cases"]["per_case_manager"]  # the Basel lead sees Basel's case manager only
    assert alice["case_manager"]["display_name"] == "Alice Owner"
    assert (alice["opened"], alice["closed"], alice["open"]) == (8, 6, None)


def test_durations(figures):
    # To close (closed cases only): 40, 60, 70, 80, 100, 120 → (70 + 80) / 2.
    assert figures["median_days_to_close"] == 75.0
    assert figures["durations"]["median_days_to_close"] == 75.0
    # First contact: 2, 5, 10, 1, 3 days → 3.
    assert figures["durations"]["median_days_to_first_contact"] == 3.0
    # Intake: 5, 3, 4, 6, 2 days → 4; no other phase was completed.
    assert figures["durations"]["median_days_per_phase"]["intake"] == 4.0
    assert figures["durations"]["median_days_per_phase"]["planning"] is None


def test_return_to_work(figures):
    # Closed BEM cases: 6; back at work (rtw_full, rtw_partial): c1, c2, c4, c6.
    assert figures["rtw_rate"] == pytest.approx(4 / 6, abs=1e-4)


def test_time_to_return_to_work_counts_open_cases_as_censored(figures):
    # 30+ (c8 open), 40, 60, 70+ (no_rtw), 80, 100+ (other), 100+ (c7 open), 120:
    # t=40: 7 at risk → 6/7; t=60: 6 at risk → 6/7 · 5/6; at t=80 only 4 are at risk: the curve stops.
    curve = figures["time_to_rtw"]
    assert curve[0] == {"day": 0, "still_absent_share": 1.0, "at_risk": 8}
    assert [(p["day"], p["at_risk"]) for p in curve[1:]] == [(40, 7), (60, 6)]
    assert curve[1]["still_absent_share"] == pytest.approx(6 / 7, abs=1e-4)
    assert curve[2]["still_absent_share"] == pytest.approx(5 / 7, abs=1e-4)


def test_gas(figures):
    # 55, 50, 40, 60, 45, 65 → median 52.5; four of six at 50 or more.
    assert figures["gas"]["median_t_score"] == 52.5
    assert figures["gas"]["share_t_50_or_more"] == pytest.approx(4 / 6, abs=1e-4)
    # Two per band: every band hidden.
    assert figures["gas"]["distribution"] == {
        "<30": 0, "30-40": 0, "40-50": None, "50-60": None, "60-70": None, ">=70": 0,
    }  # fmt: skip


def test_wai(figures):
    # Changes +10, +3, −3, +2, +1 → median +2.
    assert figures["wai"] == {"cases": 5, "median_change": 2.0}


def test_absence_before_and_after(figures):
    # Before: 30, 20, 10, 40, 50 → 30; after: 5, 0, 0, 2, 10 → 2.
    assert figures["absence"] == {"cases": 5, "median_days_before": 30.0, "median_days_after": 2.0}


def test_costs(figures):
    costs = figures["costs"]
    assert (costs["planned"], costs["actual"]) == ("5500.00", "4600.00")
    # IV stands for one case: hidden, and the employer's five with it (else the total gives IV away).
    assert costs["by_bearer"] == {"employer": None, "iv": None}
    assert {"costs.by_bearer.employer", "costs.by_bearer.iv"} <= set(figures["suppressed"])
    assert costs["by_case_type"] == {"bem": {"cases": 6, "planned": "5500.00", "actual": "4600.00"}}


def test_satisfaction_per_item(figures):
    assert figures["satisfaction"] == {"sat_heard": None, "sat_informed": 3.4}
    assert "satisfaction.sat_heard" in figures["suppressed"]


def test_previous_period(figures):
    previous = figures["previous"]
    assert previous["cases"]["closed"] is None  # c9 alone
    assert previous["median_days_to_close"] is None
    assert "previous.cases.closed" in figures["suppressed"]


def test_unit_scope(admin, lead, zurich_lead, today, data):
    def opened(user, **filters):
        chosen = insights_filters(user=user, date_from=today - timedelta(days=199), date_to=today, **filters)
        return insights_read(user=user, filters=chosen)["cases"]["opened"]

    assert opened(lead) == 8
    assert opened(admin) == 9  # z1 of Zürich too
    assert opened(zurich_lead) is None  # one case: too few


def test_erased_cases_keep_counting(lead, today, data):
    c6 = data["c6"]
    record = CaseFigures.objects.get(case=c6)
    CaseFigures.objects.filter(pk=record.pk).update(case=None)  # what erasing the case leaves
    figures = insights_read(
        user=lead, filters=insights_filters(user=lead, date_from=today - timedelta(days=199), date_to=today)
    )
    assert figures["cases"]["closed"] == 6
    assert figures["median_days_to_close"] == 75.0


def test_trend_per_month(figures, today):
    trend = figures["trend"]
    first, last = today - timedelta(days=199), today
    assert trend[0]["month"] == f"{first.year:04d}-{first.month:02d}"
    assert trend[-1]["month"] == f"{last.year:04d}-{last.month:02d}"
    for entry in trend:
        for column in ("opened", "closed"):
            hidden = f"trend.{column}.{entry['month']}" in figures["suppressed"]
            assert (entry[column] is None) == hidden
            assert entry[column] is None or entry[column] == 0 or entry[column] >= 5
    # Eight cases opened, one or two a month: every month with a case is hidden.
    assert all(entry["opened"] in (None, 0) for entry in trend)
