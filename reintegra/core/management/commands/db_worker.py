"""`manage.py db_worker`: django-tasks-db's worker, plus a heartbeat and periodic jobs.

Core comes first in INSTALLED_APPS, so this command replaces the library's one of the same
name: operators start workers as before. Every `heartbeat_seconds()` (30 s) a thread of the worker
process calls `reintegra.core.periodic.worker_tick` (heartbeat for `/healthz`, due periodic
jobs such as the daily backup enqueued exactly once across workers, tasks of killed workers
recovered); the tasks themselves run
in the worker's own loop. A thread rather than a hook in the loop: the library's loop has no
hook, and copying it would drift from the pinned version. `/healthz` still notices a stuck
loop, because it also reports ready tasks that wait too long.
"""

import logging
import os
import threading
from typing import Any

from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as LibraryWorkerCommand

from reintegra.core.health import heartbeat_seconds
from reintegra.core.periodic import worker_tick

logger = logging.getLogger(__name__)


def tick_safely(worker_id: str) -> None:
    try:
        worker_tick(worker_id=worker_id)
    except Exception:  # a database hiccup must not end the heartbeat thread
        logger.exception("Worker tick failed")
    finally:
        connections.close_all()  # this thread's connections only


def tick_forever(worker_id: str, stop: threading.Event) -> None:
    while not stop.is_set():
        tick_safely(worker_id)
        stop.wait(heartbeat_seconds())


class Command(LibraryWorkerCommand):
    help = "Run a database background worker (with a heartbeat for /healthz and periodic jobs)."

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"]
        if options["batch"]:
            # A batch run (tests, a one-off catch-up): one tick, then the tasks it enqueued run too.
            tick_safely(worker_id)
            connections.close_all()
        elif not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # With --reload only the child process works; the watching parent does not tick.
            stop = threading.Event()
            threading.Thread(target=tick_forever, args=(worker_id, stop), daemon=True, name="worker-tick").start()
        super().handle(*args, **options)
