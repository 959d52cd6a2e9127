"""Periodic jobs inside the worker: the daily backup, once per day however many workers tick.

These tests commit (transaction=True): the worker closes and opens its own connections.
"""

import signal
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reintegra.core import periodic
from reintegra.core.backup import backup_verify
from reintegra.core.models import PeriodicRun, WorkerHeartbeat
from reintegra.core.periodic import JOBS, next_local_time_of_day, periodic_claim_due, periodic_register, worker_tick

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BACKUP_JOB = next(job for job in JOBS if job.name == "backup.daily")


@pytest.fixture(autouse=True)
def only_the_backup_job(monkeypatch):
    """These tests drive the claim through the backup job alone; other apps' jobs are tested below."""
    monkeypatch.setattr(periodic, "JOBS", [BACKUP_JOB])


def test_the_apps_register_their_daily_jobs_once():
    names = [job.name for job in JOBS]
    assert {"backup.daily", "tasks.prune", "screening.daily", "inquiries.erase", "notifications.catch_up"} <= set(names)
    assert len(names) == len(set(names))
    periodic_register(next(job for job in JOBS if job.name == "screening.daily"))
    assert len(JOBS) == len(names)


@pytest.fixture
def daily(settings, tmp_path):
    settings.REINTEGRA_BACKUP_DAILY = True
    settings.REINTEGRA_BACKUP_KEEP = 2
    settings.REINTEGRA_BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = DB_TASKS
    return settings.REINTEGRA_BACKUP_DIR


@contextmanager
def signal_handlers_kept():
    """db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def run_worker(worker_id="worker-a"):
    with signal_handlers_kept():
        call_command(
            "db_worker",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--worker-id",
            worker_id,
            "--verbosity",
            "0",
        )


def test_the_next_run_is_at_the_configured_local_hour():
    before = datetime(2026, 12, 3, 0, 30, tzinfo=UTC)  # 01:30 in Zurich
    after = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)  # 02:30 in Zurich
    assert next_local_time_of_day(before, 2) == datetime(2026, 12, 3, 1, 0, tzinfo=UTC)
    assert next_local_time_of_day(after, 2) == datetime(2026, 12, 4, 1, 0, tzinfo=UTC)


def test_switched_off_nothing_is_scheduled(settings):
    settings.REINTEGRA_BACKUP_DAILY = False
    assert worker_tick(worker_id="w") == []
    assert not PeriodicRun.objects.exists()
    assert WorkerHeartbeat.objects.filter(worker_id="w").exists()  # the heartbeat beats anyway


def test_the_daily_backup_is_enqueued_once_per_day_by_many_workers(daily):
    now = timezone.now()
    assert worker_tick(worker_id="a", now=now) == []  # the first tick schedules, it does not run
    due = PeriodicRun.objects.get(name="backup.daily").next_run_at
    assert now < due <= now + timedelta(days=1)

    ticks = [
        worker_tick(worker_id=worker, now=due + timedelta(seconds=offset)) for offset in (0, 1) for worker in "abc"
    ]
    assert sum(len(enqueued) for enqueued in ticks) == 1
    assert DBTaskResult.objects.count() == 1
    assert PeriodicRun.objects.get().next_run_at == due + timedelta(days=1)

    assert worker_tick(worker_id="a", now=due + timedelta(hours=23)) == []
    assert worker_tick(worker_id="b", now=due + timedelta(days=1)) == ["backup.daily"]
    assert DBTaskResult.objects.count() == 2


def test_two_workers_racing_for_the_same_run_claim_it_once(daily):
    """Two threads at once. On PostgreSQL they really overlap; SQLite's test file takes one writer."""
    now = timezone.now()
    worker_tick(worker_id="a", now=now)
    due = PeriodicRun.objects.get().next_run_at
    wrapper_class, settings_dict = type(connections["default"]), dict(connection.settings_dict)
    start, turns = threading.Barrier(2), threading.Lock() if connection.vendor == "sqlite" else None
    results: list[bool] = []
    errors: list[BaseException] = []

    def worker(name):
        try:
            connections["default"] = wrapper_class(settings_dict, "default")
            start.wait(timeout=10)
            if turns is not None:
                with turns:
                    results.append(periodic_claim_due(job=BACKUP_JOB, now=due, worker_id=name))
            else:
                results.append(periodic_claim_due(job=BACKUP_JOB, now=due, worker_id=name))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results) == [False, True]
    assert DBTaskResult.objects.count() == 1


def test_the_worker_runs_the_daily_backup_and_keeps_the_newest(daily, alice):
    daily.mkdir(parents=True)
    for day in (1, 2):
        (daily / f"reintegra-daily-2026110{day}T010000Z.tar.gz").write_bytes(b"an older backup")
    worker_tick(worker_id="worker-a")
    PeriodicRun.objects.update(next_run_at=timezone.now() - timedelta(minutes=1))

    run_worker("worker-a")  # ticks once (claims the due backup), then runs it

    archives = sorted(path.name for path in daily.iterdir())
    assert len(archives) == 2  # REINTEGRA_BACKUP_KEEP
    assert archives[0] == "reintegra-daily-20261102T010000Z.tar.gz"
    backup_verify(path=daily / archives[1])
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert WorkerHeartbeat.objects.filter(worker_id="worker-a").exists()


def database_url(alias):
    """The URL of the database this test uses, for a process started from it."""
    conf = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    return f"postgres://{conf['USER']}:{conf['PASSWORD']}@{conf['HOST']}:{conf['PORT']}/{conf['NAME']}"


def test_a_running_worker_process_beats_and_healthz_sees_it(client):
    """The real thing: `manage.py db_worker` in its own process, its heartbeat thread, /healthz."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from django.conf import settings

    assert client.get("/healthz").json()["worker"] == "late"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": database_url("default"),
            "AUDIT_DATABASE_URL": database_url("audit"),
            "REINTEGRA_ENCRYPTION_KEYS": ",".join(settings.REINTEGRA_ENCRYPTION_KEYS),
        }
    )
    root = Path(__file__).resolve().parents[3]
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--worker-id", "proc-1"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not WorkerHeartbeat.objects.filter(worker_id="proc-1").exists():
            assert worker.poll() is None, worker.stderr.read().decode()  # type: ignore[union-attr]
            time.sleep(0.5)
        assert WorkerHeartbeat.objects.filter(worker_id="proc-1").exists()
        assert client.get("/healthz").json()["worker"] == "ok"
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _running_task(*, started_at, worker_ids):
    from django_tasks.base import TaskResultStatus

    from reintegra.core.tasks import backup_daily

    with override_settings(TASKS=DB_TASKS):
        result = backup_daily.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=started_at, worker_ids=worker_ids
    )
    return DBTaskResult.objects.get(pk=result.id)


def test_a_task_left_running_by_a_killed_worker_is_queued_again():
    now = timezone.now()
    lost = _running_task(started_at=now - timedelta(minutes=10), worker_ids=["killed-worker"])
    WorkerHeartbeat.objects.create(worker_id="busy-worker", seen_at=now, hostname="h", pid=1)
    long_running = _running_task(started_at=now - timedelta(minutes=10), worker_ids=["busy-worker"])
    fresh = _running_task(started_at=now - timedelta(seconds=5), worker_ids=["killed-worker"])
    worker_tick(worker_id="worker-b", now=now)
    lost.refresh_from_db(), long_running.refresh_from_db(), fresh.refresh_from_db()
    assert lost.status == "READY"  # runs again (every task is idempotent)
    assert long_running.status == "RUNNING"  # its worker still beats
    assert fresh.status == "RUNNING"  # not yet given up
    worker_tick(worker_id="worker-c", now=now)  # a second worker's tick recovers nothing more
    assert DBTaskResult.objects.ready().count() == 1


def test_a_task_that_lost_three_workers_is_marked_failed():
    now = timezone.now()
    doomed = _running_task(started_at=now - timedelta(minutes=10), worker_ids=["w1", "w2", "w3"])
    worker_tick(worker_id="worker-b", now=now)
    doomed.refresh_from_db()
    assert doomed.status == "FAILED"
    assert doomed.exception_class_path == "reintegra.core.periodic.WorkerLost"


def test_finished_task_rows_are_pruned_daily_after_their_keep_days(settings):
    """The catch-up alone adds a row every five minutes: finished rows go after 14 days (failed ones
    after 28), rows still queued or running stay, whatever their age."""
    from django_tasks.base import TaskResultStatus

    from reintegra.core.tasks import task_results_prune

    settings.REINTEGRA_TASK_RESULTS_KEEP_DAYS = 14
    now = timezone.now()
    kept_running = _running_task(started_at=now - timedelta(days=60), worker_ids=["w"])

    def finished(status, days):
        row = _running_task(started_at=now - timedelta(days=days), worker_ids=["w"])
        DBTaskResult.objects.filter(pk=row.pk).update(status=status, finished_at=now - timedelta(days=days))
        return row.pk

    old_ok, new_ok = finished(TaskResultStatus.SUCCESSFUL, 15), finished(TaskResultStatus.SUCCESSFUL, 13)
    failed_20, failed_30 = finished(TaskResultStatus.FAILED, 20), finished(TaskResultStatus.FAILED, 30)
    with override_settings(TASKS=DB_TASKS):
        assert task_results_prune.call() == {"removed": 2}
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {kept_running.pk, new_ok, failed_20}
    assert old_ok not in left and failed_30 not in left

    prune = next(job for job in JOBS if job.name == "tasks.prune")
    assert prune.enabled()
    assert timezone.localtime(prune.next_due(now)).hour == 1
