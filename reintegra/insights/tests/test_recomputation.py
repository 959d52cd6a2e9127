"""The summary cells (`CaseFiguresCell`, months and days) are kept on write, and the figures read from it equal a
full recomputation from the records, for every filter (issue #19).

A few hundred cases are written through the write path (opened, contact, phases, closed, costs,
satisfaction, reopened, closed again, erased) with their dates spread over three years, so the
periods' edges fall inside months in every way `selectors._plan` distinguishes.
"""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.cases.models import Case, CasePhase, PhaseStatus
from reintegra.cases.services.closure import case_reopen
from reintegra.insights.models import CaseFiguresCell
from reintegra.insights.selectors import insights_filters, insights_read
from reintegra.insights.services import case_figures_refresh_step, case_figures_release, summary_rebuild
from reintegra.insights.tests.conftest import close, contact, measure, open_case, satisfied, wai
from tests.support.people import api_for

pytestmark = pytest.mark.django_db

CASES = 240
TYPES = ("bem", "bem", "iv-early", "general")
OUTCOMES = ("rtw_full", "rtw_partial", "no_rtw", "other", "")


def _cells() -> dict:
    return {
        (str(row.organisation_id), str(row.unit_id), row.case_type_key, row.span, row.start): (
            row.opened, row.closed, row.histograms
        )
        for row in CaseFiguresCell.objects.all()
    }  # fmt: skip


@pytest.fixture
def written(org, unit, alice, zoe, today):
    """Cases written through the write path (each change ends in `case_figures_refresh_step`)."""
    rng = random.Random(19)  # noqa: S311 - test data
    cases = []
    for n in range(CASES):
        actor = alice if n % 3 else zoe
        opened = today - timedelta(days=rng.randint(0, 3 * 365))
        case = open_case(actor, opened, case_type=rng.choice(TYPES))
        if rng.random() < 0.6:
            contact(case, opened + timedelta(days=rng.randint(0, 9)), actor)
        if rng.random() < 0.5:
            CasePhase.objects.filter(case=case, key="intake").update(
                status=PhaseStatus.DONE, completed_on=opened + timedelta(days=rng.randint(0, 20))
            )
        if rng.random() < 0.3:
            wai(case, rng.randint(10, 40), rng.randint(10, 40), opened, actor)
        age = (today - opened).days
        if rng.random() < 0.7:
            closed = opened + timedelta(days=rng.randint(0, age))
            close(case, closed, outcome=rng.choice(OUTCOMES), t_score=rng.choice([None, 40.0, 50.0, 55.5, 62.1]))
            if rng.random() < 0.4:
                measure(case, bearer=rng.choice(["employer", "iv"]), planned="1000", actual="900.50")
            if rng.random() < 0.4:
                satisfied(case, closed, actor, sat_informed=rng.randint(1, 4), sat_heard=rng.randint(1, 4))
        case_figures_refresh_step(case.pk)  # what case_touch runs after the changes above
        cases.append((actor, Case.objects.get(pk=case.pk)))
    # Later writes: reopen (the closing month's cells lose the case), close again on another day,
    # move the opening day, erase (the record stays, its dates reduced to the month).
    closed_cases = [(actor, case) for actor, case in cases if case.closed_on]
    for actor, case in rng.sample(closed_cases, 30):
        case_reopen(actor=actor, case=case, reason="Rückfall")
        if rng.random() < 0.5:
            close(case, today - timedelta(days=rng.randint(0, 60)), outcome=rng.choice(OUTCOMES))
            case_figures_refresh_step(case.pk)
    for _actor, case in rng.sample(cases, 20):
        Case.objects.filter(pk=case.pk).update(opened_on=case.opened_on - timedelta(days=rng.randint(1, 40)))
        case_figures_refresh_step(case.pk)
    erased = [case.pk for _actor, case in rng.sample(cases, 15)]
    case_figures_release(case_ids=erased)
    Case.objects.filter(pk__in=erased).delete()
    return cases


def test_the_summary_kept_on_write_equals_a_rebuild(written):
    maintained = _cells()
    assert len(maintained) > 100
    summary_rebuild()
    assert _cells() == maintained


def _filters(who, today, unit):
    yield {}
    yield {"date_from": today - timedelta(days=199), "date_to": today}
    yield {"date_from": today - timedelta(days=400), "date_to": today - timedelta(days=45)}
    yield {"date_from": (today - timedelta(days=300)).replace(day=1), "date_to": today - timedelta(days=17)}
    yield {"date_from": today - timedelta(days=20), "date_to": today - timedelta(days=5)}
    yield {"case_type": "bem"}
    yield {"case_type": "iv-early", "date_from": today - timedelta(days=500), "date_to": today - timedelta(days=100)}
    yield {"unit_id": unit.pk}


def _differences(got, expected, path=""):
    if isinstance(got, dict) and isinstance(expected, dict):
        for key in {*got, *expected}:
            yield from _differences(got.get(key), expected.get(key), f"{path}.{key}")
    elif got != expected:
        yield f"{path}: {str(got)[:120]} != {str(expected)[:120]}"


@pytest.mark.parametrize("who", ["admin", "lead", "zurich_lead"])
def test_the_figures_equal_a_full_recomputation(who, request, written, unit, today):
    user = request.getfixturevalue(who)
    for arguments in _filters(who, today, unit):
        if who == "zurich_lead" and "unit_id" in arguments:
            continue
        filters = insights_filters(user=user, **arguments)
        figures = insights_read(user=user, filters=filters)
        expected = insights_read(user=user, filters=filters, from_records=True)
        assert figures == expected, (arguments, list(_differences(figures, expected)))
    assert figures["cases"]["opened"]  # there was something to compare


def test_the_figures_take_a_fixed_number_of_queries(admin, lead, written, today):
    """The same queries whatever the number of records: the summary cells (months, the days of the
    partial months, the months and days after each period's end: one query), the open cases, the
    case managers' names (and a team lead's units). No record is read for the periods."""
    counts = {}
    for name, user in (("admin", admin), ("lead", lead)):
        filters = insights_filters(user=user)
        with CaptureQueriesContext(connection) as queries:
            insights_read(user=user, filters=filters)
        counts[name] = len(queries.captured_queries)
    assert counts == {"admin": 3, "lead": 4}


def test_the_page_and_the_api_take_a_fixed_number_of_queries(admin, lead, written, client):
    """Pinned with data in every period (the count does not grow with the records). The page's 9:
    session, user, memberships; units and case types (the filter form, the labels); the 3 of the
    figures (a team lead's units are the form's, read once); the unread notifications (the header)."""
    counts = {}
    api = api_for(admin)
    calls = {
        "api": lambda: api.get("/api/v1/insights/"),
        "page": lambda: client.get("/insights/"),
        "lead_page": lambda: client.get("/insights/"),
    }
    for name, call in calls.items():
        client.force_login(lead if name == "lead_page" else admin)
        call()  # warm: sessions, caches
        with CaptureQueriesContext(connection) as queries:
            response = call()
        assert response.status_code == 200
        counts[name] = len(queries.captured_queries)
    assert counts == {"api": 3, "page": 9, "lead_page": 9}
