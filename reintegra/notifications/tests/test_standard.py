"""The standard reminders other apps schedule: consent expiry, next review, aftercare follow-up."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from reintegra.cases.models import CaseStatus
from reintegra.consents.services import consent_record, consent_withdraw
from reintegra.notifications.models import Notification, Reminder, ReminderState
from reintegra.notifications.reminders import local_due_at, reminders_deliver_due
from reintegra.notifications.standard import consent_expiry_reminders, follow_up_reminder, review_due_reminder

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")


def consent(actor, case, valid_until, purpose="share_with_employer"):
    return consent_record(
        actor=actor,
        case=case,
        purpose=purpose,
        form="written",
        given_on=timezone.localdate(),
        valid_until=valid_until,
    )


def test_a_reminder_for_a_date_is_due_at_seven_local_time_in_summer_and_winter():
    summer = local_due_at(date(2026, 7, 1))
    winter = local_due_at(date(2026, 12, 1))
    assert summer.astimezone(ZURICH).hour == winter.astimezone(ZURICH).hour == 7
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.utcoffset() == timedelta(hours=1)
    assert local_due_at(date(2026, 3, 29)).astimezone(ZURICH).hour == 7  # the day clocks go forward
    assert local_due_at(date(2026, 7, 1), tz_name="Europe/Berlin").utcoffset() == timedelta(hours=2)
    assert local_due_at(date(2026, 7, 1), tz_name="Not/AZone").tzinfo == ZURICH


def test_consent_expiry_reminds_the_case_manager_14_days_and_1_day_before(alice, case):
    valid_until = timezone.localdate() + timedelta(days=30)
    given = consent(alice, case, valid_until)
    reminders = consent_expiry_reminders(consent=given)
    assert [r.due_at for r in reminders] == [
        datetime.combine(valid_until - timedelta(days=14), datetime.min.time(), ZURICH).replace(hour=7),
        datetime.combine(valid_until - timedelta(days=1), datetime.min.time(), ZURICH).replace(hour=7),
    ]
    assert {r.recipient for r in reminders} == {alice}
    assert {r.kind for r in reminders} == {"consent_expiring"}
    assert reminders[0].link == case.get_absolute_url()
    consent_expiry_reminders(consent=given)  # again: still two
    assert Reminder.objects.count() == 2


def test_consent_reminder_text_names_purpose_reference_and_date_in_both_languages(alice, case, mailoutbox):
    valid_until = timezone.localdate() + timedelta(days=20)
    consent_expiry_reminders(consent=consent(alice, case, valid_until))
    later = local_due_at(valid_until - timedelta(days=14)) + timedelta(minutes=1)
    reminders_deliver_due(now=later)
    notification = Notification.objects.get()
    day = f"{valid_until.day}.{valid_until.month}.{valid_until.year}"
    assert notification.subject == f"Einverständnis für {case.reference} läuft am {day} ab"
    assert "«Weitergabe an den Arbeitgeber»" in notification.body
    with translation.override("en"):
        assert notification.display_subject == f"Consent for {case.reference} expires on {day}"
        assert "“Share with the employer”" in notification.display_body


def test_a_withdrawn_consent_cancels_its_reminders(alice, case):
    given = consent(alice, case, timezone.localdate() + timedelta(days=30))
    consent_expiry_reminders(consent=given)
    consent_withdraw(actor=alice, case=case, consent=given)
    assert consent_expiry_reminders(consent=given) == []
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.CANCELLED}


def test_no_end_date_means_no_reminder(alice, case):
    assert consent_expiry_reminders(consent=consent(alice, case, None)) == []
    assert Reminder.objects.count() == 0


def test_a_consent_expiring_soon_gets_only_the_reminders_still_ahead(alice, case):
    given = consent(alice, case, timezone.localdate() + timedelta(days=5))
    (only,) = consent_expiry_reminders(consent=given)
    assert only.dedupe_key.endswith(":1d")


def test_a_later_end_date_moves_the_pending_reminders(alice, case):
    given = consent(alice, case, timezone.localdate() + timedelta(days=30))
    first = consent_expiry_reminders(consent=given)
    given.valid_until += timedelta(days=10)
    given.save()
    moved = consent_expiry_reminders(consent=given)
    assert [r.pk for r in moved] == [r.pk for r in first]
    assert [(m.due_at - f.due_at).days for m, f in zip(moved, first, strict=True)] == [10, 10]


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
