"""A small bounded loopback load generator (no extra package: threads and raw sockets).

Each thread sends `GET path` with the session cookie, reads the whole answer, and
repeats until the deadline. gunicorn's sync workers close the connection after each
answer, so every request opens a new TCP connection (as `wrk` would against them).
The client is plain Python: it uses some of the same two cores as the server, which
the result notes (the bare view and case_detail are measured with the same settings).
"""

import socket
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class LoadSettings:
    tool: str = "bench.loadgen (Python threads, raw sockets, connection per request)"
    threads: int = 4
    warmup_s: float = 2.0
    duration_s: float = 10.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LoadResult:
    requests: int = 0
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _one(host: str, port: int, request: bytes, marker: bytes) -> tuple[bool, float]:
    began = time.perf_counter()
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
    body = b"".join(chunks)
    ok = body.startswith(b"HTTP/1.1 200") and marker in body
    return ok, time.perf_counter() - began


def run(host: str, port: int, path: str, *, cookie: str, marker: bytes, seconds: float, threads: int) -> LoadResult:
    """Drive `GET path` from `threads` threads for `seconds`; only 200 answers containing `marker` count."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
        "Accept: text/html\r\nAccept-Language: de\r\nConnection: close\r\n\r\n"
    ).encode()
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        latencies, ok_count, errors = [], 0, 0
        while time.perf_counter() < deadline:
            try:
                ok, latency = _one(host, port, request, marker)
            except OSError:
                ok, latency = False, 0.0
            if ok:
                ok_count += 1
                latencies.append(latency)
            else:
                errors += 1
        with lock:
            result.ok += ok_count
            result.errors += errors
            result.requests += ok_count + errors
            result.latencies.extend(latencies)

    began = time.perf_counter()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    result.seconds = time.perf_counter() - began
    return result
