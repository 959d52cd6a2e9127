"""Reminders: idempotent scheduling, cancelling, and delivery exactly once however often it runs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reintegra.cases.models import CaseStatus
from reintegra.notifications import tasks as tasks_module
from reintegra.notifications.models import Notification, Reminder, ReminderState
from reintegra.notifications.reminders import reminder_cancel, reminder_schedule, reminders_cancel_for_case
from reintegra.notifications.tasks import MAX_ATTEMPTS, deliver_due_reminders, reminders_deliver_due
from reintegra.notifications.tests.conftest import future, past

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def schedule(recipient, case=None, *, due_at, key="review_due:1", **extra):
    values = {
        "recipient": recipient,
        "kind": "review_due",
        "due_at": due_at,
        "subject": "",
        "params": {"reference": case.reference if case else "X-1", "date": "3.11.2026"},
        "case": case,
        "link": case.get_absolute_url() if case else "",
        "dedupe_key": key,
    }
    return reminder_schedule(**{**values, **extra})


def test_scheduling_twice_keeps_one_reminder_and_moves_it(alice, case):
    first = schedule(alice, case, due_at=future(3))
    same = schedule(alice, case, due_at=first.due_at)
    assert Reminder.objects.count() == 1
    assert same.version == first.version == 1  # nothing changed: nothing written
    moved_to = future(5)
    moved = schedule(alice, case, due_at=moved_to)
    assert Reminder.objects.count() == 1
    assert (moved.pk, moved.due_at, moved.version, moved.state) == (first.pk, moved_to, 2, ReminderState.PENDING)


def test_a_naive_due_time_is_refused(alice, case):
    with pytest.raises(ValidationError) as error:
        schedule(alice, case, due_at=timezone.now().replace(tzinfo=None))
    assert "due_at" in error.value.message_dict
    assert Reminder.objects.count() == 0


def test_delivery_run_twice_delivers_once(alice, case, mailoutbox, django_capture_on_commit_callbacks):
    reminder = schedule(alice, case, due_at=past())
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_deliver_due(now=now)
    with django_capture_on_commit_callbacks(execute=True):
        second = reminders_deliver_due(now=now + timedelta(minutes=1))
    assert first == {"sent": 1, "cancelled": 0, "failed": 0}
    assert second == {"sent": 0, "cancelled": 0, "failed": 0}
    reminder.refresh_from_db()
    assert (reminder.state, reminder.sent_at, reminder.attempts) == (ReminderState.SENT, now, 1)
    notification = Notification.objects.get()
    assert (notification.recipient, notification.case, notification.kind) == (alice, case, "review_due")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@example.org"]


def test_two_workers_that_read_the_same_due_list_deliver_once(
    alice, case, mailoutbox, django_capture_on_commit_callbacks
):
    """The race the conditional UPDATE closes: both saw the reminder pending; only one claims it."""
    schedule(alice, case, due_at=past(), key="a")
    schedule(alice, case, due_at=past(), key="b")
    now = timezone.now()
    due = list(Reminder.objects.filter(state="pending").values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        outcomes_a = [tasks_module._deliver_one(pk, now) for pk in due]
        outcomes_b = [tasks_module._deliver_one(pk, now) for pk in due]
    assert outcomes_a == ["sent", "sent"]
    assert outcomes_b == ["skipped", "skipped"]
    assert Notification.objects.count() == 2
    assert len(mailoutbox) == 2


def test_reminders_not_yet_due_wait(alice, case, mailoutbox):
    reminder = schedule(alice, case, due_at=future(1))
    assert reminders_deliver_due(now=timezone.now())["sent"] == 0
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.PENDING
    assert Notification.objects.count() == 0


def test_an_inactive_recipient_gets_nothing_and_the_reminder_is_cancelled(alice, case, mailoutbox):
    reminder = schedule(alice, case, due_at=past())
    alice.is_active = False
    alice.save()
    assert reminders_deliver_due(now=timezone.now()) == {"sent": 0, "cancelled": 1, "failed": 0}
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.CANCELLED
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_a_closed_case_gets_no_review_reminder_but_its_follow_up(alice, case):
    schedule(alice, case, due_at=past(), key="review")
    schedule(alice, case, due_at=past(), key="follow", kind="follow_up_due")
    case.status = CaseStatus.CLOSED
    case.save()
    assert reminders_deliver_due(now=timezone.now()) == {"sent": 1, "cancelled": 1, "failed": 0}
    assert Notification.objects.get().kind == "follow_up_due"


def test_cancel_stops_a_pending_reminder(alice, case, mailoutbox):
    schedule(alice, case, due_at=past())
    assert reminder_cancel(dedupe_key="review_due:1") is True
    assert reminder_cancel(dedupe_key="review_due:1") is False
    assert reminder_cancel(dedupe_key="unknown") is False
    assert reminders_deliver_due(now=timezone.now())["sent"] == 0
    assert Reminder.objects.get().state == ReminderState.CANCELLED
    assert Notification.objects.count() == 0


def test_scheduling_after_cancel_arms_it_again(alice, case):
    schedule(alice, case, due_at=past())
    reminder_cancel(dedupe_key="review_due:1")
    schedule(alice, case, due_at=past())
    assert Reminder.objects.get().state == ReminderState.PENDING
    assert reminders_deliver_due(now=timezone.now())["sent"] == 1


def test_cancel_for_case_by_kind(alice, case):
    schedule(alice, case, due_at=future(), key="r")
    schedule(alice, case, due_at=future(), key="f", kind="follow_up_due")
    assert reminders_cancel_for_case(case=case, kinds=["review_due"]) == 1
    assert set(Reminder.objects.values_list("dedupe_key", "state")) == {("r", "cancelled"), ("f", "pending")}


def test_a_sent_reminder_is_sent_again_only_for_a_new_due_time(alice, case, mailoutbox):
    due = past(60)
    schedule(alice, case, due_at=due)
    reminders_deliver_due(now=timezone.now())
    schedule(alice, case, due_at=due)  # the same date again: nothing to do
    assert Reminder.objects.get().state == ReminderState.SENT
    schedule(alice, case, due_at=past(5))  # the next review date
    assert Reminder.objects.get().state == ReminderState.PENDING
    assert reminders_deliver_due(now=timezone.now())["sent"] == 1
    assert Notification.objects.count() == 2  # one per due time
    assert Reminder.objects.count() == 1


def test_a_failing_delivery_is_retried_then_left_claimed(alice, case, monkeypatch):
    reminder = schedule(alice, case, due_at=past())

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(tasks_module, "notifications_store", broken)
    assert reminders_deliver_due(now=timezone.now()) == {"sent": 0, "cancelled": 0, "failed": 1}
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (ReminderState.PENDING, 1)
    for _attempt in range(MAX_ATTEMPTS - 1):
        reminders_deliver_due(now=timezone.now())
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (ReminderState.CLAIMED, MAX_ATTEMPTS)
    assert reminders_deliver_due(now=timezone.now())["failed"] == 0  # no longer retried
    assert Notification.objects.count() == 0


def test_the_task_delivers_due_reminders(alice, case, mailoutbox, django_capture_on_commit_callbacks):
    schedule(alice, case, due_at=past())
    with django_capture_on_commit_callbacks(execute=True):
        result = deliver_due_reminders.enqueue()
    assert result.return_value == {"sent": 1, "cancelled": 0, "failed": 0, "emails_caught_up": 0}
    assert len(mailoutbox) == 1


def test_send_reminders_command_runs_once_and_again_delivers_nothing_more(alice, case, mailoutbox):
    schedule(alice, case, due_at=past())
    out = StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    assert "Reminders sent: 1" in out.getvalue()
    assert "Reminders sent: 0" in out.getvalue()
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1  # sent by the command itself: no worker needed


def test_scheduling_enqueues_delivery_after_commit_for_the_due_time(alice, case, django_capture_on_commit_callbacks):
    due_at = future(2)
    with override_settings(TASKS=DB_TASKS):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            schedule(alice, case, due_at=due_at)
        assert DBTaskResult.objects.count() == 0  # nothing before commit
        for callback in callbacks:
            callback()
        task = DBTaskResult.objects.get()
    assert task.task_path == "reintegra.notifications.tasks.deliver_due_reminders"
    assert task.run_after == due_at


def test_with_an_inline_backend_only_due_reminders_trigger_a_run(alice, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule(alice, case, due_at=future(2), key="later")
        schedule(alice, case, due_at=past(), key="now")
    assert dict(Reminder.objects.values_list("dedupe_key", "state")) == {"later": "pending", "now": "sent"}
