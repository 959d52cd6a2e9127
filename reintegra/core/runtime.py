"""Tuning of a long-running server process (a gunicorn worker; the benchmark does the same)."""

import gc

# Allocations between two young-generation collections (Python's default: 700).
YOUNG_THRESHOLD = 10_000


def tune_garbage_collector() -> None:
    """Set the cyclic garbage collector up for serving requests; call once, after the
    application is loaded and before serving.

    - Everything loaded at start-up (modules, settings, URL patterns, model metadata, ~160,000
      objects) is frozen out of the collector's reach, so its full collections no longer walk it.
    - The young generation is collected every 10,000 allocations instead of every 700. A request
      leaves a few thousand objects in reference cycles (the request and its lazy user, model
      instances and their prefetched relations) that only the collector frees; collected that
      often, most of a request's objects are still alive, get promoted, and pile up for a full
      collection (a 50–170 ms pause every few dozen requests). Measured on the API case list
      (200 requests): collector time 876 → 332 ms, longest pause 94 → 50 ms; on the case page
      and the case list 116 → 93 and 122 → 92 ms (docs/performance.md).
    """
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
