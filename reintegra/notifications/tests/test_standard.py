"""The standard reminders other apps schedule: next review, aftercare follow-up (consent expiry: consents)."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from reintegra.cases.models import CaseStatus
from reintegra.notifications.models import Notification, Reminder, ReminderState
from reintegra.notifications.reminders import local_due_at
from reintegra.notifications.standard import follow_up_reminder, review_due_reminder
from reintegra.notifications.tasks import reminders_deliver_due

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")


def test_a_reminder_for_a_date_is_due_at_seven_local_time_in_summer_and_winter():
    summer = local_due_at(date(2026, 7, 1))
    winter = local_due_at(date(2026, 12, 1))
    assert summer.astimezone(ZURICH).hour == winter.astimezone(ZURICH).hour == 7
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.utcoffset() == timedelta(hours=1)
    assert local_due_at(date(2026, 3, 29)).astimezone(ZURICH).hour == 7  # the day clocks go forward
    assert local_due_at(date(2026, 7, 1), tz_name="Europe/Berlin").utcoffset() == timedelta(hours=2)
    assert local_due_at(date(2026, 7, 1), tz_name="Not/AZone").tzinfo == ZURICH


def test_review_reminder_moves_with_the_next_review_date_and_none_cancels(alice, case):
    first = review_due_reminder(case=case, due_on=timezone.localdate() + timedelta(days=28))
    moved = review_due_reminder(case=case, due_on=timezone.localdate() + timedelta(days=35))
    assert first.pk == moved.pk
    assert Reminder.objects.count() == 1
    assert moved.params["reference"] == case.reference
    assert review_due_reminder(case=case, due_on=None) is None
    assert Reminder.objects.get().state == ReminderState.CANCELLED


def test_review_reminder_follows_a_new_case_manager(alice, bob, case):
    review_due_reminder(case=case, due_on=timezone.localdate() + timedelta(days=28))
    case.case_manager = bob
    case.save()
    review_due_reminder(case=case, due_on=timezone.localdate() + timedelta(days=28))
    assert Reminder.objects.get().recipient == bob


def test_closed_cases_get_follow_ups_but_no_reviews(alice, case):
    case.status = CaseStatus.CLOSED
    case.save()
    assert review_due_reminder(case=case, due_on=timezone.localdate() + timedelta(days=7)) is None
    follow_up = follow_up_reminder(case=case, due_on=timezone.localdate() + timedelta(days=90))
    assert (follow_up.kind, follow_up.state) == ("follow_up_due", ReminderState.PENDING)
    reminders_deliver_due(now=follow_up.due_at)
    assert Notification.objects.get().subject.startswith("Nachsorge")
