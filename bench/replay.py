"""Record the SQL of one request and replay it through the raw DB-API driver.

The replay is the floor under a page: the same statements with the same parameters,
on the same connections, without Django (no ORM, no templates, no middleware). It
fetches every row. Reads run as they are; a request's writes (the session save, the
access-log entry) run inside a transaction that is rolled back, with a fresh primary
key for each INSERT so the replayed row does not collide with the one the request made.
"""

import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connections

from bench.pages import is_counted

ALIASES = ("default", "audit")
QMARK = re.compile(r"(?<!%)%s")
UUID_HEX = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Statement:
    alias: str
    sql: str
    params: Any
    many: bool


@contextmanager
def recording() -> Iterator[list[Statement]]:
    """Record every statement (with its parameters) run on either database inside the block."""
    statements: list[Statement] = []

    def recorder(alias: str) -> Callable[..., Any]:
        def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            statements.append(Statement(alias, sql, params, many))
            return execute(sql, params, many, context)

        return wrapper

    with ExitStack() as stack:
        for alias in ALIASES:
            stack.enter_context(connections[alias].execute_wrapper(recorder(alias)))
        yield statements


def _fresh_key(params: Any) -> Any:
    """An INSERT's parameters with a new UUID in place of the first one (its primary key)."""
    if not params:
        return params
    first = params[0]
    if isinstance(first, uuid.UUID):
        return [uuid.uuid4(), *params[1:]]
    if isinstance(first, str) and UUID_HEX.match(first):
        return [uuid.uuid4().hex, *params[1:]]
    return params


class Replayer:
    """Prepared replay of recorded statements: `run()` executes them once and returns the seconds taken."""

    def __init__(self, statements: list[Statement]) -> None:
        self.plan: dict[str, list[Statement]] = {}
        for st in statements:
            if is_counted(st.sql):
                self.plan.setdefault(st.alias, []).append(st)
        self.writes = {
            alias: any(not st.sql.lstrip().upper().startswith("SELECT") for st in items)
            for alias, items in self.plan.items()
        }
        for alias in self.plan:
            connections[alias].ensure_connection()

    def _sql(self, alias: str, sql: str) -> str:
        if connections[alias].vendor == "sqlite":
            return QMARK.sub("?", sql).replace("%%", "%")
        return sql

    def run(self) -> float:
        began = time.perf_counter()
        for alias, items in self.plan.items():
            raw = connections[alias].connection  # the DB-API connection under Django's wrapper
            cursor = raw.cursor()
            try:
                if self.writes[alias]:
                    cursor.execute("BEGIN")
                for st in items:
                    sql = self._sql(alias, st.sql)
                    is_insert = sql.lstrip().upper().startswith("INSERT")
                    if st.many:
                        cursor.executemany(sql, [_fresh_key(p) if is_insert else p for p in st.params])
                    else:
                        params = _fresh_key(st.params) if is_insert else st.params
                        cursor.execute(sql, params if params is not None else ())
                    if cursor.description is not None:
                        cursor.fetchall()
            finally:
                if self.writes[alias]:
                    cursor.execute("ROLLBACK")
                cursor.close()
        return time.perf_counter() - began
