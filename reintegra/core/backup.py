"""Backup and restore: both databases and the uploads in one verified archive.

An archive is a tar.gz with
- `databases/default.sqlite3` and `databases/audit.sqlite3` (SQLite backup API: a consistent
  copy taken while the application keeps writing), or `databases/<alias>.pgdump`
  (`pg_dump --format=custom`);
- `media/…`: every file under `MEDIA_ROOT` (the uploads);
- `manifest.json`: the SHA-256 of every other member, the app version, the applied migrations
  of both aliases, when it was made and the database vendor.

The encryption keys are never in it: an archive on its own is ciphertext for the health text.
Restore checks the sums before it touches anything, refuses to replace existing data without
`force`, restores, migrates (a backup of an older version is brought up to date) and proves
that the configured keys decrypt the restored data.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from reintegra.audit.models import AccessAction

ALIASES = ("default", "audit")
FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    media_files: int = 0
    migrated: bool = False
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- helpers


def app_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations(alias: str) -> dict[str, list[str]]:
    """Applied migrations per app on `alias` ({} for a database that was never migrated)."""
    recorder = MigrationRecorder(connections[alias])
    if not recorder.has_table():
        return {}
    state: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def vendor(alias: str) -> str:
    return str(connections[alias].vendor)


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def pg_tool(name: str) -> str:
    """The newest PostgreSQL client tool (`pg_dump`, `pg_restore`): Debian's versioned directories, else PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda path: int(path.parts[-3].split(".")[0])
    )
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(f"{name} is not installed: install the PostgreSQL client (apt-get install postgresql-client).")


def pg_env_args(alias: str) -> tuple[dict[str, str], list[str]]:
    """Connection of `alias` as libpq environment (password never on the command line) and arguments."""
    conf = connections[alias].settings_dict
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    if conf.get("OPTIONS", {}).get("sslmode"):  # e.g. ?sslmode=require in DATABASE_URL
        env["PGSSLMODE"] = str(conf["OPTIONS"]["sslmode"])
    args = ["--dbname", str(conf["NAME"])]
    if conf.get("HOST"):
        args += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", str(conf["USER"])]
    return env, args


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")


def _log(action: str, detail: str) -> None:
    """A backup reads, a restore replaces every person's data: both go into the access log."""
    from reintegra.audit.services import access_log_write

    access_log_write(user=None, action=action, object_type="backup", detail=detail, immediate=True)


# ---------------------------------------------------------------- backup


def _dump_database(alias: str, target_dir: Path) -> Path:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        source = str(connection.settings_dict["NAME"])
        target = target_dir / f"{alias}.sqlite3"
        # The backup API copies a consistent snapshot page by page while others keep writing
        # (WAL); copying the file instead could catch it half-written.
        src, dst = sqlite3.connect(source, timeout=20), sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        return target
    if connection.vendor == "postgresql":
        target = target_dir / f"{alias}.pgdump"
        env, args = pg_env_args(alias)
        _run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *args],
            env,
            f"pg_dump of {alias}",
        )
        return target
    raise BackupError(f"Backups of {connection.vendor} databases are not supported (SQLite and PostgreSQL are).")


def _media_files() -> Iterator[tuple[Path, str]]:
    root = media_root()
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, "media/" + path.relative_to(root).as_posix()


def backup_create(*, output: Path) -> dict[str, Any]:
    """Write one archive of both databases and the uploads to `output`; returns its manifest.

    Written to a temporary name next to `output` and renamed at the end, so a crash never
    leaves something that looks like a finished backup.
    """
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    created_at = timezone.now()
    vendors = {vendor(alias) for alias in ALIASES}
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "app_version": app_version(),
        "created_at": created_at.isoformat(),
        "vendor": vendor("default"),
        "vendors": {alias: vendor(alias) for alias in ALIASES},
        "migrations": {alias: applied_migrations(alias) for alias in ALIASES},
        "files": {},
    }
    if len(vendors) != 1:
        manifest["vendor"] = "mixed"
    partial = output.with_name(f".{output.name}.partial")
    with tempfile.TemporaryDirectory(prefix="reintegra-backup-") as work:
        members: list[tuple[Path, str]] = []
        for alias in ALIASES:
            dump = _dump_database(alias, Path(work))
            members.append((dump, f"databases/{dump.name}"))
        members.extend(_media_files())
        try:
            with tarfile.open(partial, "w:gz") as archive:
                for path, name in members:
                    manifest["files"][name] = sha256_file(path)
                    archive.add(path, arcname=name, recursive=False)
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(created_at.timestamp()), 0o600
                archive.addfile(info, io.BytesIO(data))
            os.chmod(partial, 0o600)  # health data: readable by the operator only
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    _log(AccessAction.EXPORT, f"backup {output.name}: both databases and {len(members) - len(ALIASES)} uploads")
    return manifest


# ---------------------------------------------------------------- verify


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[0] in ("databases", "media")


def backup_verify(*, path: Path) -> dict[str, Any]:
    """Check an archive against its manifest; returns the manifest or raises `BackupError`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            try:
                manifest_file = archive.extractfile(MANIFEST)
            except KeyError:
                raise BackupError(f"{path} has no {MANIFEST}: it is not a Reintegra backup.") from None
            if manifest_file is None:
                raise BackupError(f"{path}: {MANIFEST} is not a file.")
            manifest = json.loads(manifest_file.read())
            expected: dict[str, str] = manifest.get("files", {})
            seen: set[str] = set()
            for member in archive:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_member_name(member.name):
                    raise BackupError(f"{path}: unexpected member {member.name!r}; the archive was altered.")
                if member.name not in expected:
                    raise BackupError(f"{path}: {member.name} is not in the manifest; the archive was altered.")
                handle = archive.extractfile(member)
                assert handle is not None  # noqa: S101 - isfile() above
                digest = hashlib.sha256()
                for chunk in iter(lambda: handle.read(CHUNK), b""):  # noqa: B023 - consumed at once
                    digest.update(chunk)
                if digest.hexdigest() != expected[member.name]:
                    raise BackupError(
                        f"{path}: the checksum of {member.name} does not match the manifest; "
                        "the archive is damaged or was altered. Nothing was restored."
                    )
                seen.add(member.name)
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} cannot be read as a backup archive: {exc}") from exc
    missing = set(expected) - seen
    if missing:
        raise BackupError(f"{path}: members listed in the manifest are missing: {', '.join(sorted(missing))}.")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: backup format {manifest.get('format')!r} is not supported (expected {FORMAT}).")
    return dict(manifest)


# ---------------------------------------------------------------- restore


def existing_data() -> list[str]:
    """What a restore would overwrite: people in the database, access-log entries, uploads."""
    from reintegra.accounts.models import User
    from reintegra.audit.models import AccessLogEntry

    found = []
    for label, model in (("people in the database", User), ("access-log entries", AccessLogEntry)):
        try:
            if model._default_manager.exists():
                found.append(label)
        except DatabaseError:  # no such table: a database that was dropped or never migrated
            pass
    for alias in ALIASES:
        connections[alias].close()  # a failed query can leave a PostgreSQL transaction aborted
    if any(True for _ in _media_files()):
        found.append("uploaded files")
    return found


def _restore_sqlite(alias: str, source: Path) -> None:
    target = str(connections[alias].settings_dict["NAME"])
    connections[alias].close()
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    # The backup API in the other direction overwrites the whole database through SQLite
    # itself, so the target's WAL and shared-memory files stay consistent.
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, timeout=20)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _pg_drop_everything(alias: str) -> None:
    """Empty the current schema, so tables of a newer version do not survive an older backup."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'DROP TABLE IF EXISTS ' || string_agg(format('%I.%I', schemaname, tablename), ', ') || ' CASCADE' "
            "FROM pg_tables WHERE schemaname = current_schema()"
        )
        statement = cursor.fetchone()[0]
        if statement:
            cursor.execute(statement)
        cursor.execute(
            "SELECT 'DROP SEQUENCE IF EXISTS ' || string_agg(format('%I.%I', sequence_schema, sequence_name), ', ') "
            "FROM information_schema.sequences WHERE sequence_schema = current_schema()"
        )
        statement = cursor.fetchone()[0]
        if statement:
            cursor.execute(statement)
    connection.close()


def _restore_postgresql(alias: str, source: Path) -> None:
    _pg_drop_everything(alias)
    env, args = pg_env_args(alias)
    _run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        env,
        f"pg_restore of {alias}",
    )


def _restore_media(archive: tarfile.TarFile, names: list[str]) -> int:
    """Replace `MEDIA_ROOT` by the archive's uploads: unpacked beside it, then swapped in."""
    root = media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=root.parent))
    try:
        for name in names:
            target = staging / PurePosixPath(name).relative_to("media")
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = archive.extractfile(name)
            assert handle is not None  # noqa: S101 - verified as a file
            with open(target, "wb") as out:
                shutil.copyfileobj(handle, out, CHUNK)
        old = root.with_name(f".{root.name}-replaced-{os.getpid()}")
        if root.exists():
            os.replace(root, old)
        os.replace(staging, root)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(names)


@contextmanager
def _unpacked_databases(archive: tarfile.TarFile, names: list[str]) -> Iterator[dict[str, Path]]:
    with tempfile.TemporaryDirectory(prefix="reintegra-restore-") as work:
        paths = {}
        for name in names:
            target = Path(work) / PurePosixPath(name).name
            handle = archive.extractfile(name)
            assert handle is not None  # noqa: S101 - verified as a file
            with open(target, "wb") as out:
                shutil.copyfileobj(handle, out, CHUNK)
            paths[PurePosixPath(name).stem] = target
        yield paths


def backup_restore(*, path: Path, force: bool = False) -> RestoreReport:
    """Restore both databases and the uploads from a verified archive, then migrate.

    Raises `BackupError` before anything changed when the archive does not verify, when the
    configured databases are of another vendor than the backup, or when there is data and
    `force` is not given. The key check comes after the restore (the data must be there to
    be read); its failure is raised as a `BackupError` too.
    """
    from django.core.management import call_command

    from reintegra.core.keys import canary_state, encrypted_sample_failures

    manifest = backup_verify(path=path)
    for alias in ALIASES:
        theirs = manifest.get("vendors", {}).get(alias, manifest.get("vendor"))
        if theirs != vendor(alias):
            raise BackupError(
                f"The backup's {alias} database is {theirs}, the configured one is {vendor(alias)}: "
                "restore into the same kind of database (set DATABASE_URL accordingly)."
            )
    if not force:
        found = existing_data()
        if found:
            raise BackupError(
                f"There is data already ({', '.join(found)}). Restoring replaces all of it; "
                "run again with --force if that is what you want."
            )
    report = RestoreReport(manifest=manifest)
    names = list(manifest["files"])
    with (
        tarfile.open(path, "r:gz") as archive,
        _unpacked_databases(archive, [name for name in names if name.startswith("databases/")]) as dumps,
    ):
        for alias in ALIASES:
            if alias not in dumps:
                raise BackupError(f"The backup holds no {alias} database.")
        for alias in ALIASES:
            if vendor(alias) == "sqlite":
                _restore_sqlite(alias, dumps[alias])
            else:
                _restore_postgresql(alias, dumps[alias])
        report.media_files = _restore_media(archive, [name for name in names if name.startswith("media/")])
    before = {alias: applied_migrations(alias) for alias in ALIASES}
    for alias in ALIASES:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    report.migrated = before != {alias: applied_migrations(alias) for alias in ALIASES}
    _log(AccessAction.CHANGE, f"restored from the backup of {manifest.get('created_at', '?')}")

    state = canary_state()
    failures = encrypted_sample_failures()
    if state == "wrong" or failures:
        where = ", ".join(failures) if failures else "the key canary"
        raise BackupError(
            "The data was restored, but the configured REINTEGRA_ENCRYPTION_KEYS cannot decrypt it "
            f"({where}). Configure the keys that were in use when the backup was made "
            "(see docs/operations.md, Keys); until then case pages cannot be opened."
        )
    return report


def backup_prune(*, directory: Path, keep: int, prefix: str = "reintegra-daily-") -> list[Path]:
    """Delete all but the `keep` newest archives named `<prefix>….tar.gz` in `directory`."""
    archives = sorted(Path(directory).glob(f"{prefix}*.tar.gz"), key=lambda path: path.name, reverse=True)
    removed = archives[max(keep, 1) :]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_file_name(now: datetime, *, kind: str = "daily") -> str:
    """Sortable by name: `reintegra-daily-20261203T020000Z.tar.gz`. Only the daily ones are pruned,
    so an archive made by hand (`make backup`: `reintegra-<time>.tar.gz`) beside them stays."""
    return f"reintegra-{kind}-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}.tar.gz"
