"""Health: are both databases reachable, is a worker alive, do the keys fit the data?

`/healthz` reports what `health_report` finds. The worker side is written here too: each
`db_worker` process stamps its heartbeat row every `HEARTBEAT_SECONDS` (see
`reintegra.core.periodic`).
"""

import os
import socket
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, connections
from django.db.models import Max, Q
from django.utils import timezone

from reintegra.core.keys import canary_state

HEARTBEAT_SECONDS = 30


def heartbeat_seconds() -> float:
    """The heartbeat's period (setting `REINTEGRA_WORKER_HEARTBEAT_SECONDS`; the drills shorten it)."""
    from django.conf import settings

    return float(getattr(settings, "REINTEGRA_WORKER_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS))


# A worker is "late" when its newest heartbeat is older than this, or when a task that is ready
# to run has waited this long (the worker process lives, but its loop is stuck on something).
LATE_AFTER = timedelta(minutes=3)
# Heartbeats of workers gone for this long are removed (a restarted worker gets a new id).
FORGET_AFTER = timedelta(days=1)


def database_state(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any error of the driver or the server: not reachable
        return "unavailable"
    return "ok"


def worker_state(*, now: datetime) -> str:
    """ "ok" when a worker stamped its heartbeat recently and no ready task waits too long, else "late"."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    from reintegra.core.models import WorkerHeartbeat

    cutoff = now - LATE_AFTER
    newest = WorkerHeartbeat.objects.aggregate(newest=Max("seen_at"))["newest"]
    if newest is None or newest < cutoff:
        return "late"
    # Ready since before the cutoff: enqueued before it and due before it (or not deferred).
    waiting = (
        DBTaskResult.objects.ready()
        .filter(enqueued_at__lt=cutoff)
        .filter(Q(run_after__lt=cutoff) | Q(run_after=get_date_max()))
    )
    return "late" if waiting.exists() else "ok"


def health_report(*, now: datetime | None = None) -> tuple[dict[str, str], bool]:
    """The `/healthz` body and whether the service is usable (both databases up, keys fit)."""
    now = now or timezone.now()
    report = {"database": database_state("default"), "audit": database_state("audit")}
    healthy = report["database"] == "ok" and report["audit"] == "ok"
    if report["database"] == "ok":
        try:
            report["worker"] = worker_state(now=now)
            # "missing" means not migrated yet; only a canary that does not decrypt is an alarm.
            report["keys"] = "wrong" if canary_state() == "wrong" else "ok"
        except DatabaseError:  # reachable, but not migrated
            report["worker"], report["keys"] = "late", "unknown"
            healthy = False
    else:
        report["worker"], report["keys"] = "late", "unknown"
    healthy = healthy and report["keys"] == "ok"
    return report, healthy


def heartbeat_write(*, worker_id: str, now: datetime | None = None) -> None:
    """Stamp this worker's heartbeat and forget workers gone for a day."""
    from reintegra.core.models import WorkerHeartbeat

    now = now or timezone.now()
    values: dict[str, Any] = {"seen_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()}
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id[:64], defaults=values)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
