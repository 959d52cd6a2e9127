"""Periodic work inside the worker, without cron.

Every `manage.py db_worker` (core's subclass of django-tasks-db's worker) calls `worker_tick`
every `HEARTBEAT_SECONDS`: it stamps the worker's heartbeat and enqueues each periodic job that
is due. A job's next due time is a `PeriodicRun` row; a tick claims it with a conditional
`UPDATE … WHERE next_run_at <= now` that moves the time on, and enqueues the job's task in the
same transaction. With several workers on several hosts exactly one claim succeeds per due
time, and a crash between claim and enqueue rolls both back.

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


JOBS: list[PeriodicJob] = [
    PeriodicJob(name="backup.daily", enabled=_backup_enabled, next_due=_backup_next_due, enqueue=_backup_enqueue),
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


def worker_tick(*, worker_id: str, now: datetime | None = None) -> list[str]:
    """One tick of a worker: heartbeat, then every enabled due job; returns the jobs enqueued."""
    now = now or timezone.now()
    heartbeat_write(worker_id=worker_id, now=now)
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
