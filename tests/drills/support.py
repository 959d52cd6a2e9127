"""What the drills share: the environment of a process started from a test, starting and
stopping such processes, and waiting for a condition with a bound.

A drill runs in a test that commits (transaction=True): the processes it starts reach the
test's own databases (the SQLite files, or the ephemeral PostgreSQL cluster with
`--postgres`) through `DATABASE_URL` and `AUDIT_DATABASE_URL`, with tests.drills.settings.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import connections

ROOT = Path(__file__).resolve().parents[2]


def database_url(alias: str) -> str:
    """The URL of the database this test uses, for a process started from it."""
    conf = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    user, password = quote(str(conf["USER"]), safe=""), quote(str(conf["PASSWORD"] or ""), safe="")
    return f"postgres://{user}:{password}@{conf['HOST']}:{conf['PORT']}/{conf['NAME']}"


def drill_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.drills.settings",
            "DATABASE_URL": database_url("default"),
            "AUDIT_DATABASE_URL": database_url("audit"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def start(args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start `args` (a Python module or manage.py command line) in its own process group."""
    handle = log.open("ab")
    return subprocess.Popen(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def start_worker(worker_id: str, *, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return start(
        ["manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--no-startup-delay"]
        + ["--interval", "0.1", "--worker-id", worker_id],
        env=env,
        log=log,
    )


def stop(process: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """End a process we started, by its id (its group: gunicorn's workers go with their master)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def processes() -> Any:
    """Collects the processes a drill starts and ends every one of them, whatever happens."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            stop(process)


def wait_until(condition: Callable[[], Any], *, timeout: float, what: str, every: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"Not within {timeout} s: {what}")


def tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
