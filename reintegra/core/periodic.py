"""Periodic work inside the worker, without cron.

Every `manage.py db_worker` (core's subclass of django-tasks-db's worker) calls `worker_tick`
every `heartbeat_seconds()`: it stamps the worker's heartbeat, puts tasks left RUNNING by a lost
(killed) worker back in the queue, and enqueues each periodic job that is due. A job's next due
time is a `PeriodicRun` row; a tick claims it with a conditional `UPDATE … WHERE next_run_at <= now`
that moves the time on, and enqueues the job's task in the same transaction. With several workers
on several hosts exactly one claim succeeds per due time, and a crash between claim and enqueue
rolls both back.

Apps add jobs with `periodic_register` from their `AppConfig.ready()` (a name, whether it is
switched on, when it is next due, what to enqueue); `JOBS` is that registry.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from reintegra.core.health import heartbeat_write

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    enabled: Callable[[], bool]
    next_due: Callable[[datetime], datetime]  # the first due time strictly after `now`
    enqueue: Callable[[], object]  # a task's enqueue; its result is not used


def next_local_time_of_day(now: datetime, hour: int) -> datetime:
    """The next `hour`:00 in the server's time zone after `now` (DST-aware)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    candidate = datetime.combine(local.date(), time(hour), tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), time(hour), tzinfo=zone)
    return candidate


def _backup_enabled() -> bool:
    return bool(getattr(settings, "REINTEGRA_BACKUP_DAILY", False))


def _backup_next_due(now: datetime) -> datetime:
    return next_local_time_of_day(now, int(getattr(settings, "REINTEGRA_BACKUP_HOUR", 2)))


def _backup_enqueue() -> None:
    from reintegra.core.tasks import backup_daily

    backup_daily.enqueue()


def _task_results_prune_enqueue() -> None:
    from reintegra.core.tasks import task_results_prune

    task_results_prune.enqueue()


JOBS: list[PeriodicJob] = [
    PeriodicJob(name="backup.daily", enabled=_backup_enabled, next_due=_backup_next_due, enqueue=_backup_enqueue),
    PeriodicJob(
        name="tasks.prune",
        enabled=lambda: True,
        next_due=lambda now: next_local_time_of_day(now, 1),
        enqueue=_task_results_prune_enqueue,
    ),
]


def periodic_register(job: PeriodicJob) -> None:
    """Add `job` to the registry (idempotent by name, so a repeated `ready()` adds nothing)."""
    if all(known.name != job.name for known in JOBS):
        JOBS.append(job)


def daily_at(hour: int) -> Callable[[datetime], datetime]:
    """A `next_due` for a job run once a day at `hour`:00 local time."""
    return lambda now: next_local_time_of_day(now, hour)


def periodic_claim_due(*, job: PeriodicJob, now: datetime, worker_id: str = "") -> bool:
    """Enqueue `job` if it is due and this caller wins the claim; True if it did."""
    from reintegra.core.models import PeriodicRun

    if not PeriodicRun.objects.filter(name=job.name).exists():
        try:
            with transaction.atomic():
                # The first run is at the next regular time, not at once (a worker start is no schedule).
                PeriodicRun.objects.create(name=job.name, next_run_at=job.next_due(now))
        except IntegrityError:  # created concurrently by another worker
            pass
        return False
    with transaction.atomic():
        claimed = PeriodicRun.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=job.next_due(now), last_claimed_at=now, last_claimed_by=worker_id[:64]
        )
        if claimed != 1:
            return False
        job.enqueue()  # the database backend writes the task row in this same transaction
    return True


class WorkerLost(Exception):
    """The worker running a task stopped beating (killed, its machine lost) before it finished."""


# A task whose worker was lost this often is marked failed instead of being run again.
MAX_TASK_ATTEMPTS = 3


def worker_lost_after() -> timedelta:
    """A worker is lost when its heartbeat is this old (`REINTEGRA_WORKER_LOST_SECONDS`, default 180)."""
    return timedelta(seconds=float(getattr(settings, "REINTEGRA_WORKER_LOST_SECONDS", 180)))


def tasks_recover_lost(*, now: datetime) -> int:
    """Put the tasks of lost workers back in the queue; returns how many.

    The database queue marks a task RUNNING when a worker claims it; a worker killed with
    SIGKILL (or a lost machine) leaves it RUNNING for good. A RUNNING task that started before
    the cutoff and whose worker has not beaten since is made READY again (every task of the
    product is idempotent), or FAILED after `MAX_TASK_ATTEMPTS` lost workers. Conditional
    updates: two workers recovering at once recover each task once.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from reintegra.core.models import WorkerHeartbeat

    cutoff = now - worker_lost_after()
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    recovered = 0
    for pk, started_at, worker_ids in (
        DBTaskResult.objects.running().filter(started_at__lt=cutoff).values_list("pk", "started_at", "worker_ids")
    ):
        if worker_ids and str(worker_ids[-1])[:64] in alive:
            continue  # a long task of a living worker
        same = DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at)
        if len(worker_ids or []) >= MAX_TASK_ATTEMPTS:
            changed = same.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"{len(worker_ids)} workers were lost while running this task.",
            )
        else:
            changed = same.update(status=TaskResultStatus.READY)
        if changed:
            logger.warning("Task %s of a lost worker (%s) recovered", pk, (worker_ids or ["?"])[-1])
        recovered += changed
    return recovered


def worker_tick(*, worker_id: str, now: datetime | None = None) -> list[str]:
    """One tick of a worker: heartbeat, the tasks of lost workers back in the queue, then every
    enabled due job; returns the jobs enqueued."""
    now = now or timezone.now()
    heartbeat_write(worker_id=worker_id, now=now)
    try:
        tasks_recover_lost(now=now)
    except Exception:  # the heartbeat and the jobs go on
        logger.exception("Tasks of lost workers could not be recovered")
    enqueued = []
    for job in JOBS:
        if not job.enabled():
            continue
        try:
            if periodic_claim_due(job=job, now=now, worker_id=worker_id):
                enqueued.append(job.name)
        except Exception:  # one broken job must not stop the heartbeat or the others
            logger.exception("Periodic job %s could not be enqueued", job.name)
    return enqueued
