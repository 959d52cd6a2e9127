"""`manage.py backup --output PATH`: both databases and the uploads in one archive, online."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (tar.gz) of both databases (SQLite backup API or pg_dump) and the uploads, "
        "with a manifest of SHA-256 sums, while the application keeps running. The encryption keys "
        "are not included: keep them apart (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="where to write the archive (.tar.gz)")

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        if output.exists():
            raise CommandError(f"{output} exists already; choose a new name (backups are never overwritten).")
        try:
            manifest = backup_create(output=output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        uploads = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Backup written to {output}: {manifest['vendor']} databases, {uploads} uploads, "
            f"version {manifest['app_version']}."
        )
