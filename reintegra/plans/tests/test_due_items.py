"""The due-items table (`plans.DueItem`): kept by the write path, read by every cross-case reader.

- After each kind of write that moves a due date (through the API, i.e. the services and their
  last step `case_touch`), the table holds exactly what the records say (`computed_due_items`).
- The readers' results equal the old computation over the records (`visible_to` + the kind's
  queryset): counts, lists and calendar dates, for the case manager, a deputy, a team lead and a
  colleague who sees nothing.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseStatus
from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record, consent_withdraw
from reintegra.monitoring.selectors import SOURCES, WEEK_DAYS, Scope, user_counts, user_items
from reintegra.monitoring.tests.conftest import (
    make_case,
    make_consent,
    make_follow_up,
    make_measure,
    make_review,
    today,  # noqa: F401  (fixture)
)
from reintegra.plans.models import DueItem
from reintegra.plans.selectors.due import DATE_FIELD, ROWS, DueKind, computed_due_items, due_dates, user_due_dates
from reintegra.plans.services.due import due_items_refresh
from reintegra.plans.tests.conftest import GOAL, measure_body
from tests.support.people import api_for

pytestmark = pytest.mark.django_db

CLOSE = {"reason": "goals_achieved", "agreed_with_client": True, "override_reason": "Stelle gewechselt"}


def _key(item: DueItem) -> tuple:
    return (
        item.kind,
        str(item.object_id),
        str(item.case_id),
        item.date,
        item.title,
        item.organisation_id,
        item.unit_id,
        item.case_manager_id,
        item.deputy_id,
    )


def assert_table_right() -> None:
    ids = list(Case.objects.values_list("pk", flat=True))
    assert sorted(map(_key, DueItem.objects.all())) == sorted(map(_key, computed_due_items(ids)))


@pytest.fixture
def planned(api, case):
    """A case with a goal, two measures and a review schedule, written through the API."""
    today = timezone.localdate()
    goal = api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json").json()
    for title, days in (("Ergonomie", 3), ("Arbeitsversuch", 40)):
        body = measure_body(
            goal["id"], title=title, start_date=today.isoformat(), due_date=str(today + timedelta(days))
        )
        assert api.post(f"/api/v1/cases/{case['id']}/measures/", body, format="json").status_code == 201
    assert api.put(f"/api/v1/cases/{case['id']}/plan/", {"review_interval_weeks": 2, "version": 0}, format="json")
    return case


def _measures(api, case):
    return api.get(f"/api/v1/cases/{case['id']}/measures/").json()["results"]


def measure_added(api, case, alice, bob):
    goal = api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json").json()
    body = measure_body(goal["id"], title="Neu", due_date=str(timezone.localdate() + timedelta(days=9)))
    assert api.post(f"/api/v1/cases/{case['id']}/measures/", body, format="json").status_code == 201


def measure_moved(api, case, alice, bob):
    first = _measures(api, case)[0]
    moved = {"due_date": str(timezone.localdate() + timedelta(days=20)), "version": first["version"]}
    response = api.patch(f"/api/v1/cases/{case['id']}/measures/{first['id']}/", moved, format="json")
    assert response.status_code == 200, response.content


def measure_done(api, case, alice, bob):
    first = _measures(api, case)[0]
    done = {"status": "done", "version": first["version"]}
    response = api.patch(f"/api/v1/cases/{case['id']}/measures/{first['id']}/", done, format="json")
    assert response.status_code == 200, response.content


def schedule_changed(api, case, alice, bob):
    plan = api.get(f"/api/v1/cases/{case['id']}/plan/").json()
    body = {"review_interval_weeks": 4, "version": plan["version"]}
    assert api.put(f"/api/v1/cases/{case['id']}/plan/", body, format="json").status_code == 200


def consent_given(api, case, alice, bob):
    db_case = Case.objects.get(pk=case["id"])
    today = timezone.localdate()
    consent_record(
        actor=alice,
        case=db_case,
        purpose="share_with_employer",
        form="written",
        given_on=today,
        valid_until=today + timedelta(days=10),
    )


def consent_withdrawn(api, case, alice, bob):
    consent_given(api, case, alice, bob)
    db_case = Case.objects.get(pk=case["id"])
    consent = Consent.objects.filter(case=db_case, withdrawn_on__isnull=True, valid_until__isnull=False).first()
    consent_withdraw(actor=alice, case=db_case, consent=consent, reason="Widerruf")


def case_reassigned(api, case, alice, bob):
    lead = api_for(User.objects.get(username="lead"))  # a team lead hands cases over
    response = lead.post(
        f"/api/v1/cases/{case['id']}/reassign/", {"case_manager": str(bob.pk), "reason": "Ferien"}, format="json"
    )
    assert response.status_code == 200, response.content


def case_closed(api, case, alice, bob):
    assert api.post(f"/api/v1/cases/{case['id']}/close/", CLOSE, format="json").status_code == 200


def case_reopened(api, case, alice, bob):
    case_closed(api, case, alice, bob)
    assert api.post(f"/api/v1/cases/{case['id']}/reopen/", {"reason": "Rückfall"}, format="json").status_code == 200


WRITES = [
    measure_added,
    measure_moved,
    measure_done,
    schedule_changed,
    consent_given,
    consent_withdrawn,
    case_reassigned,
    case_closed,
    case_reopened,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
def test_the_table_stays_right_after_each_kind_of_write(write, api, planned, alice, bob, lead):
    assert_table_right()
    assert DueItem.objects.filter(case_id=planned["id"]).exists()
    before = sorted(map(_key, DueItem.objects.all()))
    write(api, planned, alice, bob)
    assert_table_right()
    if write not in (consent_withdrawn, case_reopened):  # undone again: the same rows as before
        assert sorted(map(_key, DueItem.objects.all())) != before


def test_refresh_command_fills_the_table_for_existing_data(api, planned):
    rows = DueItem.objects.count()
    DueItem.objects.all().delete()
    call_command("due_items_refresh", stdout=open("/dev/null", "w"))
    assert DueItem.objects.count() == rows
    assert_table_right()


# --- The readers equal the old computation over the records ---------------------------------


def _old_counts(user, scope, today):
    """`monitoring.selectors.user_counts` before the table: per kind over `visible_to`."""
    week_end = today + timedelta(days=WEEK_DAYS - 1)
    monitored = Case.objects.visible_to(user)
    if scope == Scope.MINE:
        monitored = monitored.filter(Q(case_manager=user) | Q(deputy=user))
    overdue = week = 0
    for rows, field, status in SOURCES.values():
        cases = monitored if status is None else monitored.filter(status=status)
        counted = rows(Q(case_id__in=cases.values("pk")), week_end).aggregate(
            overdue=Count("pk", filter=Q(**{f"{field}__lt": today})),
            week=Count("pk", filter=Q(**{f"{field}__gte": today})),
        )
        overdue, week = overdue + counted["overdue"], week + counted["week"]
    return overdue, week


def _old_items(user, scope, today):
    from reintegra.monitoring.selectors import _collect

    monitored = Case.objects.visible_to(user)
    if scope == Scope.MINE:
        monitored = monitored.filter(Q(case_manager=user) | Q(deputy=user))
    found = _collect(
        Q(case_id__in=monitored.values("pk")), kinds=None, ordering="date", today=today, limit=500, window=90
    )
    return found.items


@pytest.fixture
def spread(alice, bob, lead, dora, charlie, today):
    """Cases of two case managers (one deputising the other), every kind of item at every
    boundary, closed cases, withdrawn and renewed consents."""
    mine, deputised, closed, other = (
        make_case(alice, "A", "Offen"),
        make_case(bob, "B", "Vertretung"),
        make_case(alice, "C", "Zu"),
        make_case(bob, "D", "Fremd"),
    )
    Case.objects.filter(pk=deputised.pk).update(deputy=alice)
    for days in (-8, -1, 0, 6, 7, 30, 80):
        for case in (mine, deputised, closed, other):
            make_measure(case, today + timedelta(days=days), title=f"M{days}")
            make_consent(case, today + timedelta(days=days), purpose="share_with_insurer")
    make_measure(mine, today - timedelta(days=2), status="done")
    make_consent(mine, today - timedelta(days=3), withdrawn_on=today - timedelta(days=9))
    make_consent(other, today + timedelta(days=2), purpose="share_with_employer")
    make_consent(other, None, purpose="share_with_employer")  # renewed without an end
    make_review(mine, today + timedelta(days=6))
    make_review(other, today - timedelta(days=4))
    make_follow_up(closed, today - timedelta(days=5))
    make_follow_up(deputised, today + timedelta(days=12))
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    due_items_refresh(case_ids=[closed.pk, deputised.pk])  # written directly, as a bulk load
    return {"alice": alice, "bob": bob, "lead": lead, "dora": dora, "charlie": charlie}


@pytest.mark.parametrize("who", ["alice", "bob", "lead", "dora", "charlie"])
@pytest.mark.parametrize("scope", [Scope.MINE, Scope.VISIBLE])
def test_readers_equal_the_old_computation(spread, who, scope, today):
    user = spread[who]
    assert_table_right()
    counts = user_counts(user, scope=scope, today=today)
    assert (counts.overdue, counts.this_week) == _old_counts(user, scope, today)
    assert user_items(user, scope=scope, today=today, window=90).items == _old_items(user, scope, today)
    if scope == Scope.MINE:
        cases = Case.objects.visible_to(user).filter(Q(case_manager=user) | Q(deputy=user)).values("pk")
        old = []
        for kind in (DueKind.MEASURE, DueKind.REVIEW, DueKind.FOLLOW_UP):
            for pk, case_id, day in ROWS[kind](Q(case_id__in=cases)).values_list("pk", "case_id", DATE_FIELD[kind]):
                old.append((kind, str(case_id if kind == DueKind.FOLLOW_UP else pk), str(case_id), day))
        assert sorted((d.kind, d.object_id, d.case_id, d.date) for d in user_due_dates(user)) == sorted(old)
        assert due_dates(None) == []
