"""Tuning of a long-running server process (a gunicorn worker; the benchmark does the same)."""

import gc

# Allocations between two young-generation collections (Python's default: 700).
YOUNG_THRESHOLD = 10_000


def tune_garbage_collector() -> None:
    """Set the cyclic garbage collector up for serving requests; call once, after the
    application is loaded and before serving: what was loaded at start-up is frozen out of the
    collector's reach, and the young generation is collected less often, so that a request's
    short-lived cycles die young instead of piling up for full collections. Why, and what it
    measured: docs/performance.md ("The collector")."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
