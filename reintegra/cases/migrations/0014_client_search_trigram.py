"""Trigram indexes on the clients' folded names, on PostgreSQL only (issue #22: the case search).

The case search matches substrings (`search_last_name LIKE '%muller%'`), which a B-tree cannot
serve; a GIN index with `gin_trgm_ops` (extension pg_trgm) can. SQLite has neither, so nothing
happens there: `TrigramExtension` skips other databases itself, the indexes are created by SQL
on PostgreSQL only (which is also why they are not in `Client.Meta.indexes`: a `GinIndex` there
would be created on SQLite too). docs/performance.md, "Issue 22", has the measurements.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "client_search_first_trgm": "search_first_name",
    "client_search_last_trgm": "search_last_name",
}


def create_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON cases_client USING gin ({column} gin_trgm_ops)")


def drop_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_client_address_and_languages"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
