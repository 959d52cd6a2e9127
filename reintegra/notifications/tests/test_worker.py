"""The real queue: django-tasks' database backend and its `db_worker`, and concurrent workers.

These tests commit (transaction=True): the worker and the threads use their own
transactions, as in production.
"""

import signal
import threading
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reintegra.notifications.models import EmailStatus, Notification, Reminder, ReminderState
from reintegra.notifications.reminders import reminder_schedule
from reintegra.notifications.tasks import deliver_due_reminders, reminders_deliver_due
from reintegra.notifications.tests.conftest import past

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@contextmanager
def signal_handlers_kept():
    """db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def run_worker():
    with signal_handlers_kept():
        call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--verbosity", "0")


def use_same_database(wrapper_class, settings_dict):
    """Give this thread a connection of the very backend the test itself uses.

    Normally what Django would do anyway; but with `--postgres` the root conftest swaps the
    engine in the settings after Django had built the default connection (at model import),
    so a new thread would otherwise reach a PostgreSQL database the run never created.
    """
    connections["default"] = wrapper_class(settings_dict, "default")


def schedule_due(recipient, case, key):
    return reminder_schedule(
        recipient=recipient,
        kind="review_due",
        due_at=past(),
        subject="",
        params={"reference": case.reference, "date": "3.11.2026"},
        case=case,
        link=case.get_absolute_url(),
        dedupe_key=key,
    )


def test_db_worker_delivers_a_reminder_once_even_when_run_twice(alice, case, mailoutbox):
    with override_settings(TASKS=DB_TASKS):
        reminder = schedule_due(alice, case, "review_due:worker")
        assert DBTaskResult.objects.count() == 1  # enqueued by the schedule, after its commit
        deliver_due_reminders.enqueue()  # and once more by hand: two runs of the delivery
        run_worker()
        reminder.refresh_from_db()
        assert reminder.state == ReminderState.SENT
        assert Notification.objects.count() == 1
        assert len(mailoutbox) == 1
        assert Notification.objects.get().email_status == EmailStatus.SENT

        deliver_due_reminders.enqueue()
        run_worker()
        assert Notification.objects.count() == 1
        assert len(mailoutbox) == 1
        statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {"SUCCESSFUL"}  # the deliveries and the e-mail task, none failed


def test_two_threads_deliver_every_reminder_exactly_once(alice, case, mailoutbox):
    """Two workers at once. On PostgreSQL they really overlap (row locks decide); the in-memory
    SQLite test database cannot take two writers, so there the threads take turns."""
    with override_settings(TASKS=DUMMY_TASKS):  # scheduling must not run the delivery already
        for index in range(12):
            schedule_due(alice, case, f"review_due:{index}")
    now = timezone.now()
    start = threading.Barrier(2)
    turns = threading.Lock() if connection.vendor == "sqlite" else None
    reports: list[dict] = []
    errors: list[BaseException] = []

    wrapper_class, settings_dict = type(connections["default"]), dict(connection.settings_dict)

    def worker():
        try:
            use_same_database(wrapper_class, settings_dict)
            start.wait(timeout=10)
            if turns is not None:
                with turns:
                    reports.append(reminders_deliver_due(now=now))
            else:
                reports.append(reminders_deliver_due(now=now))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(reports) == 2
    assert sum(report["sent"] for report in reports) == 12
    assert Notification.objects.count() == 12
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}
    assert len(mailoutbox) == 12  # ImmediateBackend: each e-mail task ran in its worker's thread


def test_an_email_whose_worker_died_mid_send_goes_out_once_after_the_claim_expired(alice, case, mailoutbox, settings):
    """A worker killed after claiming an e-mail and before it went out leaves the claim behind:
    within the lease nobody sends it (the claimer might still be at it), afterwards the flush does,
    under the notification's own Message-ID."""
    from datetime import timedelta

    from reintegra.notifications.tasks import notification_email_send, notification_emails_flush

    settings.REINTEGRA_EMAIL_CLAIM_SECONDS = 600
    with override_settings(TASKS=DUMMY_TASKS):
        schedule_due(alice, case, "review_due:killed")
        reminders_deliver_due(now=timezone.now())
    notification = Notification.objects.get()
    claimed_at = timezone.now() - timedelta(minutes=5)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=claimed_at)  # the dead worker's claim

    assert notification_email_send(notification_id=notification.pk) is False  # still within the lease
    assert notification_emails_flush(now=timezone.now()) == 0
    assert mailoutbox == []

    later = claimed_at + timedelta(seconds=601)
    assert notification_emails_flush(now=later) == 1
    assert notification_emails_flush(now=later + timedelta(seconds=1)) == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<notification.{notification.pk}@reintegra.invalid>"
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
