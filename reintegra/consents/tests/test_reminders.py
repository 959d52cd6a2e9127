"""The consent-expiry reminder: 14 days and 1 day before `valid_until`, moved, cancelled on withdrawal."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from reintegra.consents.reminders import consent_expiry_reminders
from reintegra.consents.services import consent_record, consent_withdraw
from reintegra.core.formatting import format_date
from reintegra.notifications.models import Notification, Reminder, ReminderState
from reintegra.notifications.reminders import local_due_at
from reintegra.notifications.tasks import reminders_deliver_due

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
    # The date is stored as a date (ISO) and shown in the reader's language when read.
    assert notification.params["date"] == valid_until.isoformat()
    with translation.override("en"):
        english_day = format_date(valid_until)
        assert english_day != day
        assert notification.display_subject == f"Consent for {case.reference} expires on {english_day}"
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
