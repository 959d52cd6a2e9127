"""The access matrix's world: built once per module inside a transaction that is rolled back at its end.

Each test runs inside its own savepoint (pytest-django's per-test atomic nests in the outer one),
so what a request changes is gone before the next request.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connections, transaction

from tests.access_matrix.world import World, build


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction (a savepoint when nested) on every database alias, rolled back at the end."""
    atomics = [(alias, transaction.atomic(using=alias)) for alias in connections]
    for _alias, atomic in atomics:
        atomic.__enter__()
    try:
        yield
    finally:
        for alias, atomic in reversed(atomics):
            transaction.set_rollback(True, using=alias)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Every cell starts with empty rate-limit counters (the public inquiry routes count failed look-ups)."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock():
        for alias in connections:  # never build the world in a development database
            assert "test" in str(connections[alias].settings_dict["NAME"]), f"{alias} is not a test database"
        with rolled_back():
            yield build()
