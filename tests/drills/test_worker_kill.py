"""Drill: the worker is killed with SIGKILL in the middle of a delivery and started again;
every notification and every e-mail is delivered exactly once (SQLite and PostgreSQL).

Real processes: `manage.py db_worker` with the database queue, e-mails written by the drills'
mail server (tests.drills.mail) which takes 0.3 s per message, so that the kill lands after a
message was claimed and before it went out. What the restarted worker must do by itself (no
cron, no operator): put the task the killed worker left RUNNING back in the queue, send the
e-mail whose claim the killed worker left behind once the claim expired, and deliver the rest.
"""

import signal
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reintegra.notifications.models import EmailStatus, Notification, Reminder, ReminderState
from reintegra.notifications.reminders import reminder_schedule
from reintegra.notifications.services import notify
from tests.drills.mail import delivered
from tests.drills.support import drill_env, processes, start_worker, tail, wait_until
from tests.support.cases import case_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.drill]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NOTIFICATIONS, REMINDERS = 10, 6


def test_worker_killed_mid_delivery_then_restarted_delivers_everything_exactly_once(alice, bob, tmp_path):
    for person in (alice, bob):
        person.email = f"{person.username}@example.org"
        person.save(update_fields=["email"])
    case = case_for(alice)
    past = timezone.now() - timedelta(minutes=5)
    with override_settings(TASKS=DB_TASKS):  # the e-mails and deliveries go into the database queue
        for index in range(NOTIFICATIONS):
            notify(
                recipients=[(alice, bob)[index % 2]],
                kind="review_due",
                subject="",
                params={"reference": case.reference, "date": "3.11.2026"},
                case=case,
                link=case.get_absolute_url(),
                dedupe_key=f"drill:{index}",
            )
        for index in range(REMINDERS):
            reminder_schedule(
                recipient=alice,
                kind="review_due",
                due_at=past,
                subject="",
                params={"reference": case.reference, "date": "3.11.2026"},
                case=case,
                link=case.get_absolute_url(),
                dedupe_key=f"drill-reminder:{index}",
            )
    assert DBTaskResult.objects.ready().count() == NOTIFICATIONS + REMINDERS

    mail = tmp_path / "mail"
    mail.mkdir()
    env = drill_env(REINTEGRA_DRILL_MAIL_DIR=str(mail), REINTEGRA_DRILL_MAIL_DELAY="0.3")
    log = tmp_path / "worker.log"
    with processes() as started:
        first = start_worker("drill-first", env=env, log=log)
        started.append(first)
        # Mid-delivery: three messages out, the fourth claimed and on its way.
        wait_until(
            lambda: len(delivered(mail)) >= 3 and any(mail.glob(f"inflight-{first.pid}")),
            timeout=40,
            what=f"three e-mails delivered and a fourth in flight\n{tail(log)}",
            every=0.01,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        out_at_kill = len(delivered(mail))
        assert out_at_kill < NOTIFICATIONS + REMINDERS
        assert DBTaskResult.objects.running().exists()  # what the killed worker left behind

        started.append(start_worker("drill-second", env=env, log=log))

        def everything_done() -> bool:
            return (
                not Notification.objects.filter(email_status=EmailStatus.PENDING).exists()
                and not Reminder.objects.filter(state__in=[ReminderState.PENDING, ReminderState.CLAIMED]).exists()
                and not DBTaskResult.objects.ready().exists()
                and not DBTaskResult.objects.running().exists()
                and Notification.objects.count() == NOTIFICATIONS + REMINDERS
            )

        wait_until(everything_done, timeout=45, what=f"everything delivered after the restart\n{tail(log)}", every=0.2)

    expected = {f"<notification.{pk}@reintegra.invalid>" for pk in Notification.objects.values_list("pk", flat=True)}
    messages = delivered(mail)
    assert sorted(messages) == sorted(expected)  # every e-mail, none twice
    assert Notification.objects.count() == NOTIFICATIONS + REMINDERS  # every notification, none twice
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}
    assert not DBTaskResult.objects.failed().exists()
