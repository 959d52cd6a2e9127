"""One source for due dates: reminders (and so the inbox) and monitoring agree on every date (#15 item 6)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reintegra.cases.models import Case, Evaluation
from reintegra.monitoring.selectors import user_items
from reintegra.notifications.kinds import render
from reintegra.notifications.models import Reminder, ReminderState
from reintegra.plans.models import Plan
from reintegra.plans.selectors.due import DueKind, case_due_dates, user_due_dates
from reintegra.plans.services.due import due_items_refresh, due_reminders_sync
from reintegra.plans.tests.conftest import GOAL, measure_body

pytestmark = pytest.mark.django_db

# Reminder kind → monitoring/due kind.
REMINDER_KIND = {"review_due": DueKind.REVIEW, "measure_due": DueKind.MEASURE, "follow_up_due": DueKind.FOLLOW_UP}


def pending(case_id):
    return Reminder.objects.filter(case_id=case_id, state=ReminderState.PENDING, kind__in=REMINDER_KIND)


def reminder_dates(case_id):
    """{(kind, date)} the pending reminders announce, checked against their own due time and text."""
    found = set()
    for reminder in pending(case_id):
        day = timezone.localdate(reminder.due_at)
        assert reminder.params["date"] == day.isoformat()  # the text and the time say the same day
        subject, _body = render(reminder.kind, reminder.params, reminder.subject, reminder.body)
        assert f"{day.day}.{day.month}.{day.year}" in subject  # "fällig am" the plan's date
        found.add((REMINDER_KIND[reminder.kind], day))
    return found


def monitoring_dates(user, case_id):
    found = user_items(user, scope="visible", window=90, kinds=[DueKind.MEASURE, DueKind.REVIEW, DueKind.FOLLOW_UP])
    return {(item.kind, item.date) for item in found.items if item.case_id == str(case_id)}


def test_reminders_and_monitoring_agree_on_every_due_date(api, case, alice):
    today = timezone.localdate()
    goal = api.post(f"/api/v1/cases/{case['id']}/goals/", GOAL, format="json").json()
    in_17_days = (today + timedelta(days=17)).isoformat()
    for title, due in (("Ergonomie", in_17_days), ("Arbeitsversuch", (today + timedelta(days=40)).isoformat())):
        body = measure_body(goal["id"], title=title, start_date=today.isoformat(), due_date=due)
        assert api.post(f"/api/v1/cases/{case['id']}/measures/", body, format="json").status_code == 201
    # No review schedule yet: no review reminder, nothing in monitoring.
    assert not pending(case["id"]).filter(kind="review_due").exists()
    assert reminder_dates(case["id"]) == monitoring_dates(alice, case["id"])

    # The agreement sets the first review (interval after the agreement): reminded on that date.
    put = api.put(f"/api/v1/cases/{case['id']}/plan/", {"review_interval_weeks": 2, "version": 0}, format="json")
    assert put.status_code == 200, put.content
    plan = Plan.objects.get(case_id=case["id"])
    assert reminder_dates(case["id"]) == monitoring_dates(alice, case["id"])
    assert (DueKind.REVIEW, plan.next_review_on) in reminder_dates(case["id"])

    # A measure done is no longer due anywhere; one moved is reminded on its new date.
    measures = api.get(f"/api/v1/cases/{case['id']}/measures/").json()["results"]
    first, second = measures
    done = {"status": "done", "version": first["version"]}
    assert api.patch(f"/api/v1/cases/{case['id']}/measures/{first['id']}/", done, format="json").status_code == 200
    moved = {"due_date": (today + timedelta(days=20)).isoformat(), "version": second["version"]}
    assert api.patch(f"/api/v1/cases/{case['id']}/measures/{second['id']}/", moved, format="json").status_code == 200
    dates = reminder_dates(case["id"])
    assert dates == monitoring_dates(alice, case["id"])
    assert (DueKind.MEASURE, today + timedelta(days=20)) in dates
    assert (DueKind.MEASURE, today + timedelta(days=17)) not in dates

    # An aftercare follow-up is reminded on its date, until an aftercare note is written.
    db_case = Case.objects.get(pk=case["id"])
    Evaluation.objects.create(case=db_case, aftercare_needed=True, follow_up_on=today + timedelta(days=30))
    due_items_refresh(case_ids=[db_case.pk])  # written directly (as a bulk load): refresh the due-items table
    due_reminders_sync(case=db_case)
    dates = reminder_dates(case["id"])
    assert (DueKind.FOLLOW_UP, today + timedelta(days=30)) in dates
    assert dates == monitoring_dates(alice, case["id"])
    assert {(d.kind, d.date) for d in case_due_dates(db_case)} == dates
    # The calendar's source: the same dates for the person's own cases.
    assert {(d.kind, d.date) for d in user_due_dates(alice)} == dates


def test_a_follow_up_noted_is_no_longer_reminded(api, case, alice, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    db_case = Case.objects.get(pk=case["id"])
    Evaluation.objects.create(case=db_case, aftercare_needed=True, follow_up_on=today)
    due_reminders_sync(case=db_case)
    assert pending(case["id"]).filter(kind="follow_up_due").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/v1/cases/{case['id']}/notes/",
            {"text": "Nachgefragt", "kind": "aftercare", "occurred_on": today.isoformat()},
            format="json",
        )
    assert response.status_code == 201, response.content
    assert not pending(case["id"]).filter(kind="follow_up_due").exists()
    assert reminder_dates(case["id"]) == monitoring_dates(alice, case["id"]) == set()


def test_review_reminder_shows_the_date_in_the_readers_language(api, case):
    on = timezone.localdate() + timedelta(days=5)
    body = {"review_interval_weeks": 4, "next_review_on": on.isoformat(), "version": 0}
    assert api.put(f"/api/v1/cases/{case['id']}/plan/", body, format="json").status_code == 200
    reminder = Reminder.objects.get(kind="review_due", case_id=case["id"])
    from django.utils import translation

    with translation.override("en"):
        subject, _body = render(reminder.kind, reminder.params, reminder.subject, reminder.body)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    assert subject.endswith(f"due on {on.day} {months[on.month - 1]} {on.year}")
