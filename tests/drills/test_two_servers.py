"""Drill (PostgreSQL): two gunicorn servers and two workers on one database under a bounded
loopback load: every answered write is stored, nothing else is, and every reminder that falls
due meanwhile is delivered exactly once (one notification, one e-mail), by either worker.

Threads of the test post notes and open cases over HTTP for `LOAD_SECONDS`, alternating between
the servers, while reminders fall due one after the other; both workers race for them.
"""

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from reintegra.accounts.tokens import api_token_create
from reintegra.cases.models import Case, CaseNote
from reintegra.notifications.models import EmailStatus, Notification, Reminder, ReminderState
from reintegra.notifications.reminders import reminder_schedule
from tests.drills.mail import delivered
from tests.drills.support import drill_env, processes, start, start_worker, tail, wait_until
from tests.support.cases import case_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.drill, pytest.mark.postgres_only]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOAD_SECONDS = 10
THREADS = 6
REMINDERS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(method: str, url: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 (loopback, http)
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {"body": error.read().decode(errors="replace")[:500]}


def test_two_servers_two_workers_one_database_nothing_lost_no_duplicate_reminder(alice, bob, tmp_path):
    for person in (alice, bob):
        person.email = f"{person.username}@example.org"
        person.save(update_fields=["email"])
    cases = [case_for(alice, first=f"Zwei{index}") for index in range(3)]
    tokens = {person.pk: api_token_create(user=person, client="drill") for person in (alice, bob)}
    notes_before, cases_before = CaseNote.objects.count(), Case.objects.count()

    mail = tmp_path / "mail"
    mail.mkdir()
    env = drill_env(REINTEGRA_DRILL_MAIL_DIR=str(mail))
    ports = [free_port(), free_port()]
    logs = {name: tmp_path / f"{name}.log" for name in ("server-a", "server-b", "worker-a", "worker-b")}
    with processes() as started:
        for port, name in zip(ports, ("server-a", "server-b"), strict=True):
            started.append(
                start(
                    ["-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
                    + ["--workers", "1", "--threads", "4", "--timeout", "60"],
                    env=env,
                    log=logs[name],
                )
            )
        started.append(start_worker("drill-worker-a", env=env, log=logs["worker-a"]))
        started.append(start_worker("drill-worker-b", env=env, log=logs["worker-b"]))
        for port, name in zip(ports, ("server-a", "server-b"), strict=True):

            def up(port: int = port) -> bool:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
                        return response.status == 200
                except (OSError, urllib.error.URLError):
                    return False

            wait_until(up, timeout=60, what=f"{name} answers\n{tail(logs[name])}", every=0.2)

        # Reminders falling due one after the other while the load runs (each enqueues its delivery).
        start_at = timezone.now()
        with override_settings(TASKS=DB_TASKS):
            for index in range(REMINDERS):
                reminder_schedule(
                    recipient=(alice, bob)[index % 2],
                    kind="review_due",
                    due_at=start_at + timedelta(seconds=index * (LOAD_SECONDS - 3) / REMINDERS),
                    subject="",
                    params={"reference": cases[0].reference, "date": "3.11.2026"},
                    case=cases[0],
                    link=cases[0].get_absolute_url(),
                    dedupe_key=f"drill-two-servers:{index}",
                )

        lock = threading.Lock()
        notes_ok: list[str] = []
        cases_ok: list[str] = []
        failures: list[str] = []

        def load(number: int) -> None:
            person = (alice, bob)[number % 2]
            token = tokens[person.pk]
            owned = [case for case in cases if case.case_manager_id == person.pk]  # bob: none, opens cases
            end = time.monotonic() + LOAD_SECONDS
            request = 0
            while time.monotonic() < end:
                request += 1
                base = f"http://127.0.0.1:{ports[request % 2]}/api/v1/"
                if request % 5 == 0 or not owned:
                    body = {
                        "case_type": "bem",
                        "client": {"first_name": f"L{number}", "last_name": f"N{request}", "birth_date": "1970-01-01"},
                        "confirm_new_client": True,
                    }
                    code, answer = call("POST", base + "cases/", token, body)
                    target = cases_ok
                else:
                    case = owned[request % len(owned)]
                    body = {"text": f"T{number}-{request}"}
                    code, answer = call("POST", f"{base}cases/{case.pk}/notes/", token, body)
                    target = notes_ok
                with lock:
                    if code == 201:
                        target.append(answer["id"])
                    else:
                        failures.append(f"{code} {answer}")

        threads = [threading.Thread(target=load, args=(number,)) for number in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=LOAD_SECONDS + 60)

        def delivered_all() -> bool:
            return (
                not Reminder.objects.filter(state__in=[ReminderState.PENDING, ReminderState.CLAIMED]).exists()
                and not Notification.objects.filter(email_status=EmailStatus.PENDING).exists()
            )

        wait_until(delivered_all, timeout=45, what=f"reminders delivered\n{tail(logs['worker-a'])}", every=0.2)
        assert all(process.poll() is None for process in started), "a server or worker died"

    assert failures == []
    assert len(notes_ok) >= 5 and len(cases_ok) >= 5  # a real load (even on a loaded machine)
    assert CaseNote.objects.count() - notes_before == len(notes_ok) == len(set(notes_ok))
    assert set(map(str, CaseNote.objects.filter(pk__in=notes_ok).values_list("pk", flat=True))) == set(notes_ok)
    assert Case.objects.count() - cases_before == len(cases_ok)
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references))
    reminders = Reminder.objects.filter(dedupe_key__startswith="drill-two-servers:")
    assert reminders.count() == REMINDERS
    assert set(reminders.values_list("state", flat=True)) == {ReminderState.SENT}
    reminder_notifications = Notification.objects.filter(dedupe_key__startswith="reminder:")
    assert reminder_notifications.count() == REMINDERS  # one each, whichever worker delivered it
    messages = delivered(mail)
    assert len(messages) == len(set(messages))  # no e-mail twice
    expected = {f"<notification.{pk}@reintegra.invalid>" for pk in reminder_notifications.values_list("pk", flat=True)}
    assert expected <= set(messages)
    print(f"{len(notes_ok)} notes, {len(cases_ok)} cases, {REMINDERS} reminders over two servers")  # with -s
