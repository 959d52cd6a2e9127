"""The peers: Django's admin changelist in-process, and a bare view vs case_detail under gunicorn."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from bench import loadgen
from bench.measure import time_get
from bench.pages import count_queries

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = "/admin/cases/case/?status__exact=open"  # same page size (25) and filter as case_list
HELLO_URL = "/bench/hello/"
# What the throughput peer polls until gunicorn answers: the product's health check (API.md).
READY_URL = "/healthz"
ADMIN_RATIO_MAX = 0.5
THROUGHPUT_RATIO_MIN = 0.3


def admin_changelist(admin: Any, case_list_p50_ms: float, *, requests: int, warmup: int) -> dict[str, Any]:
    client = Client()
    client.force_login(admin)
    client.get(ADMIN_URL)
    queries, _sql = count_queries(client, ADMIN_URL)
    result = time_get(client, ADMIN_URL, requests=requests, warmup=warmup)
    ratio = round(case_list_p50_ms / result.p50_ms, 2) if result.p50_ms else 0.0
    return {
        "name": "django_admin_changelist",
        "url": ADMIN_URL,
        "p50_ms": result.p50_ms,
        "p95_ms": result.p95_ms,
        "queries": queries,
        "ratio": ratio,
        "ratio_is": "case_list p50 / admin changelist p50",
        "target_ratio_max": ADMIN_RATIO_MAX,
        "met": ratio <= ADMIN_RATIO_MAX,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see var/bench-gunicorn.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{READY_URL}", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {READY_URL} in time")


def throughput(user: Any, case_url: str, load: loadgen.LoadSettings) -> dict[str, Any]:
    """Serve the bare view and case_detail with gunicorn (2 sync workers) and drive each for a bounded time."""
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = _free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.bench", PYTHONPATH=str(ROOT))
    log_path = Path(settings.VAR_DIR) / "bench-gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning", "--timeout", "120",
    ]  # fmt: skip
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        _wait_ready(port, proc)
        results = {}
        for name, path, marker in (("hello", HELLO_URL, b"Hallo Welt"), ("case_detail", case_url, b"case-header")):
            loadgen.run(
                "127.0.0.1", port, path, cookie=cookie, marker=marker, seconds=load.warmup_s, threads=load.threads
            )
            results[name] = loadgen.run(
                "127.0.0.1", port, path, cookie=cookie, marker=marker, seconds=load.duration_s, threads=load.threads
            )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    hello, detail = results["hello"], results["case_detail"]
    ratio = round(detail.rps / hello.rps, 3) if hello.rps else 0.0
    return {
        "name": "hello_world",
        "rps": round(hello.rps, 1),
        "case_detail_rps": round(detail.rps, 1),
        "ratio": ratio,
        "ratio_is": "case_detail rps / bare view rps",
        "target_ratio_min": THROUGHPUT_RATIO_MIN,
        "met": ratio >= THROUGHPUT_RATIO_MIN,
        "hello": {"ok": hello.ok, "errors": hello.errors, "p50_ms": round(hello.percentile(0.5) * 1000, 2)},
        "case_detail": {"ok": detail.ok, "errors": detail.errors, "p50_ms": round(detail.percentile(0.5) * 1000, 2)},
        "server": "gunicorn config.wsgi:application, 2 sync workers, 127.0.0.1, settings config.settings.bench",
        "load": load.as_dict(),
    }
