"""In-process timing: the one timing loop of the benchmarks (`timed`, `time_calls`), and of one
page: warm-up, then N timed GETs through django.test.Client.

Also the page's query count (both databases, transaction control not counted) and
the time of the same SQL replayed through the raw driver (bench/replay.py).
"""

import math
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.test import Client

from bench.pages import P95_TARGETS, QUERY_LIMIT, Page, count_queries
from bench.replay import Replayer, recording

T = TypeVar("T")


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of samples in seconds, returned in ms."""
    ordered = sorted(samples)
    rank = max(math.ceil(q * len(ordered)), 1)
    return ordered[rank - 1] * 1000


@dataclass
class Timing:
    n: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float


def timing(samples: list[float]) -> Timing:
    return Timing(
        n=len(samples),
        p50_ms=round(percentile(samples, 0.50), 2),
        p95_ms=round(percentile(samples, 0.95), 2),
        mean_ms=round(statistics.fmean(samples) * 1000, 2),
        max_ms=round(max(samples) * 1000, 2),
    )


def timed(call: Callable[[], T]) -> tuple[T, float]:
    """What `call` returns, and how many seconds it took."""
    began = time.perf_counter()
    result = call()
    return result, time.perf_counter() - began


def time_calls(calls: Iterable[Callable[[], Any]]) -> Timing:
    """Each call timed once, in order: their percentiles."""
    return timing([timed(call)[1] for call in calls])


def time_get(client: Client, url: str, *, requests: int, warmup: int) -> Timing:
    def get(during: str = "") -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise AssertionError(f"GET {url} answered {response.status_code}{during}")

    for _ in range(warmup):
        get(" during warm-up")
    return time_calls(get for _ in range(requests))


def p95_line(page: dict[str, Any], target_ms: float) -> str:
    """A page's verdict line: its p95 against the target, and its queries."""
    return f"{page['name']}: p95 {page['p95_ms']} ms (target ≤ {target_ms:g} ms), {page['queries']} queries"


def time_raw(client: Client, url: str, *, requests: int, warmup: int) -> tuple[Timing, int]:
    """Record one request's SQL, then replay it `requests` times through the raw driver."""
    with recording() as statements:
        client.get(url)
    replayer = Replayer(statements)
    for _ in range(warmup):
        replayer.run()
    samples = [replayer.run() for _ in range(requests)]
    return timing(samples), sum(len(items) for items in replayer.plan.values())


@dataclass
class PageResult:
    name: str
    url: str
    description: str
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float
    requests: int
    queries: int
    raw_sql_p50_ms: float
    raw_sql_p95_ms: float
    ratio_to_raw: float
    target_p95_ms: float | None
    p95_met: bool | None
    queries_met: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure_page(client: Client, page: Page, *, requests: int, warmup: int) -> PageResult:
    client.get(page.url)  # the session's first request also looks up the second-factor devices, once
    queries, _sql = count_queries(client, page.url)
    web = time_get(client, page.url, requests=requests, warmup=warmup)
    raw, _replayed = time_raw(client, page.url, requests=requests, warmup=warmup)
    target = P95_TARGETS.get(page.name)
    return PageResult(
        name=page.name,
        url=page.url,
        description=page.description,
        p50_ms=web.p50_ms,
        p95_ms=web.p95_ms,
        mean_ms=web.mean_ms,
        max_ms=web.max_ms,
        requests=web.n,
        queries=queries,
        raw_sql_p50_ms=raw.p50_ms,
        raw_sql_p95_ms=raw.p95_ms,
        ratio_to_raw=round(web.p50_ms / raw.p50_ms, 1) if raw.p50_ms else 0.0,
        target_p95_ms=target,
        p95_met=None if target is None else web.p95_ms <= target,
        queries_met=queries <= QUERY_LIMIT,
    )
