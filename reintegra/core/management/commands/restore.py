"""`manage.py restore [--force] PATH`: verify an archive, restore both databases and the uploads."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: checks every SHA-256 sum first, refuses to "
        "replace existing data without --force, migrates an older backup to this version and "
        "checks that the configured encryption keys decrypt the restored data. Stop the web "
        "servers and workers first."
    )
    # The system checks would ask the databases that are about to be replaced (and a wrong key
    # must not stop a restore whose point may be to find that out).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive to restore")
        parser.add_argument("--force", action="store_true", help="replace existing data")

    def handle(self, *args: Any, path: Path, force: bool, **options: Any) -> None:
        try:
            report = backup_restore(path=path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = report.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (version {manifest['app_version']}): "
            f"both databases, {report.media_files} uploads"
            + ("; migrated to this version" if report.migrated else "")
            + ". The encryption keys decrypt the data."
        )
