"""A cheap fingerprint of the default database: per table, the row count and a sum over versions and update times.

One query: `SELECT COUNT(*), MAX(updated_at), SUM(version) FROM t UNION ALL …` over every concrete
model table of the default database (the access log lives in `audit` and is checked on its own).
Sessions and login-attempt tables are left out: a request may touch its own session.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import connections, router

IGNORED_TABLES = {"django_session"}
IGNORED_PREFIXES = ("axes_",)


@cache
def _query() -> str:
    connection = connections["default"]
    quote = connection.ops.quote_name
    parts = []
    tables: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or not router.allow_migrate_model("default", model):
            continue
        table = meta.db_table
        if table in tables or table in IGNORED_TABLES or table.startswith(IGNORED_PREFIXES):
            continue
        tables.add(table)
        columns = {f.column for f in meta.concrete_fields}
        updated = f"MAX({quote('updated_at')})" if "updated_at" in columns else "NULL"
        version = f"SUM({quote('version')})" if "version" in columns else "NULL"
        parts.append(f"SELECT '{table}', COUNT(*), {updated}, {version} FROM {quote(table)}")  # noqa: S608
    return " UNION ALL ".join(sorted(parts))


def snapshot() -> dict[str, tuple[object, ...]]:
    with connections["default"].cursor() as cursor:
        cursor.execute(_query())
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def diff(before: dict[str, tuple[object, ...]], after: dict[str, tuple[object, ...]]) -> list[str]:
    return [
        f"{table}: {before.get(table)} → {after.get(table)}"
        for table in sorted(after)
        if before.get(table) != after[table]
    ]
