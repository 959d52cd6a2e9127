"""Backup and restore, as a drill: real files, real databases (SQLite; PostgreSQL with --postgres).

These tests commit (transaction=True): the backup reads the databases through its own
connections (the SQLite backup API, pg_dump), as it does while the application runs.
"""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import override_settings

from reintegra.audit.models import AccessLogEntry
from reintegra.cases.models import Case
from reintegra.core.backup import backup_create, backup_prune, backup_verify
from reintegra.core.keys import canary_state
from reintegra.core.models import KeyCanary
from tests.support.people import api_for

pytestmark = pytest.mark.django_db(transaction=True)

OTHER_KEY = "b3RoZXItZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMtbG8="
NEW_CASE = {
    "case_type": "bem",
    "client": {"first_name": "Jürg", "last_name": "Müller", "birth_date": "1975-04-02"},
    "commissioning_party": {"name": "Alice AG HR", "kind": "employer"},
    "summary": "Rückenschmerzen, lange Abwesenheit",
}
SCAN = b"%PDF-1.4\n% a signed consent\n" + bytes(range(256)) * 40


@pytest.fixture
def uploads(settings, tmp_path):
    """Uploads on disk (the test settings keep them in memory), in a fresh directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


@pytest.fixture
def world(alice, uploads):
    """A case with encrypted text made through the API (which logs its accesses), and an upload."""
    response = api_for(alice).post("/api/v1/cases/", NEW_CASE, format="json")
    assert response.status_code == 201, response.content
    api_for(alice).get(f"/api/v1/cases/{response.json()['id']}/")
    default_storage.save("consents/2026/consent-scan.pdf", ContentFile(SCAN))
    assert AccessLogEntry.objects.exists()
    return response.json()


def snapshot() -> dict[str, list[str]]:
    """Every row of every table of both databases (decrypted where encrypted), in a fixed order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        values = model._base_manager.values_list()
        # knox's own token model is swapped out for accounts.ApiToken; whether its leftover content
        # type (and permissions) exist depends on which migrate ran last, not on the backup.
        rows[model._meta.label] = sorted(repr(row) for row in values if "authtoken" not in repr(row))
    return rows


def media_files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def wipe_everything(media_root: Path) -> None:
    """What a lost server leaves: no databases, no uploads."""
    import shutil

    for alias in ("default", "audit"):
        connection = connections[alias]
        if connection.vendor == "sqlite":
            connection.close()
            name = Path(connection.settings_dict["NAME"])
            for suffix in ("", "-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
        else:
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            connection.close()
    shutil.rmtree(media_root)


def test_backup_drill_everything_lost_and_restored(world, uploads, tmp_path):
    before, files_before = snapshot(), media_files(uploads)
    log_before = set(AccessLogEntry.objects.values_list("id", flat=True))
    archive = tmp_path / "drill.tar.gz"

    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    manifest = backup_verify(path=archive)
    assert manifest["vendor"] == connections["default"].vendor
    assert "core" in manifest["migrations"]["default"] and "audit" in manifest["migrations"]["audit"]
    assert set(manifest["files"]) == {
        f"databases/default.{'sqlite3' if manifest['vendor'] == 'sqlite' else 'pgdump'}",
        f"databases/audit.{'sqlite3' if manifest['vendor'] == 'sqlite' else 'pgdump'}",
        "media/consents/2026/consent-scan.pdf",
    }
    with tarfile.open(archive) as tar:  # the keys stay out of the archive
        for member in tar:
            content = tar.extractfile(member).read()  # type: ignore[union-attr]
            assert b"dGVzdC1vbmx5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=" not in content
            assert "Rückenschmerzen".encode() not in content  # encrypted at rest, in the backup too
    assert AccessLogEntry.objects.filter(object_type="backup", action="export").count() == 1

    wipe_everything(uploads)
    assert not uploads.exists()

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "The encryption keys decrypt the data" in out.getvalue()

    after = snapshot()
    log_after = set(AccessLogEntry.objects.values_list("id", flat=True))
    restore_entry = AccessLogEntry.objects.get(object_type="backup", action="change")
    assert log_after == log_before | {restore_entry.pk}  # the backup's own entry came after its snapshot
    before.pop("audit.AccessLogEntry"), after.pop("audit.AccessLogEntry")
    assert after == before
    assert media_files(uploads) == files_before
    case = Case.objects.get(pk=world["id"])
    assert case.summary == NEW_CASE["summary"]
    assert canary_state() == "ok"


def test_a_tampered_archive_is_refused_and_nothing_changes(world, uploads, tmp_path):
    archive, tampered = tmp_path / "good.tar.gz", tmp_path / "tampered.tar.gz"
    backup_create(output=archive)
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source:
            content = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("media/"):
                content = content.replace(b"signed", b"forged")  # same size, other bytes
            target.addfile(member, io.BytesIO(content))
    before = snapshot()

    with pytest.raises(CommandError, match="checksum of media/consents/2026/consent-scan.pdf does not match"):
        call_command("restore", "--force", str(tampered))
    assert snapshot() == before
    assert media_files(uploads)["consents/2026/consent-scan.pdf"] == SCAN


def test_an_archive_with_a_member_the_manifest_does_not_list_is_refused(world, tmp_path):
    archive, extended = tmp_path / "good.tar.gz", tmp_path / "extended.tar.gz"
    backup_create(output=archive)
    with tarfile.open(archive) as source, tarfile.open(extended, "w:gz") as target:
        for member in source:
            target.addfile(member, source.extractfile(member))
        extra = tarfile.TarInfo("media/planted.pdf")
        extra.size = 3
        target.addfile(extra, io.BytesIO(b"bad"))

    with pytest.raises(CommandError, match="not in the manifest"):
        call_command("restore", "--force", str(extended))


def test_a_manifest_altered_to_match_is_still_refused_when_its_members_do_not(world, tmp_path):
    """Editing manifest.json alone cannot pass off other content: every member is summed."""
    archive, edited = tmp_path / "good.tar.gz", tmp_path / "edited.tar.gz"
    backup_create(output=archive)
    with tarfile.open(archive) as source, tarfile.open(edited, "w:gz") as target:
        for member in source:
            content = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "manifest.json":
                manifest = json.loads(content)
                manifest["files"]["media/consents/2026/consent-scan.pdf"] = "0" * 64
                content = json.dumps(manifest).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))

    with pytest.raises(CommandError, match="does not match"):
        call_command("restore", "--force", str(edited))


def test_restore_refuses_to_overwrite_existing_data_without_force(world, alice, uploads, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup_create(output=archive)
    api_for(alice).post("/api/v1/cases/", NEW_CASE, format="json")  # work done since
    before = snapshot()

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    assert snapshot() == before

    call_command("restore", "--force", str(archive), stdout=io.StringIO())
    assert Case.objects.count() == 1  # back to the state of the backup


def test_restore_migrates_a_backup_of_an_older_version(world, alice, tmp_path):
    """A backup made before core's tables existed: restore brings it up to date and adds the canary."""
    call_command("migrate", "core", "zero", database="default", verbosity=0)
    archive = tmp_path / "old.tar.gz"
    manifest = backup_create(output=archive)
    assert "core" not in manifest["migrations"]["default"]
    call_command("migrate", "core", database="default", verbosity=0)
    api_for(alice).post("/api/v1/cases/", NEW_CASE, format="json")  # work after the backup: undone

    out = io.StringIO()
    call_command("restore", "--force", str(archive), stdout=out)
    assert "migrated to this version" in out.getvalue()
    assert KeyCanary.objects.count() == 1
    assert canary_state() == "ok"
    assert Case.objects.get().summary == NEW_CASE["summary"]


def test_restore_says_when_the_configured_keys_cannot_decrypt_the_data(world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup_create(output=archive)

    with override_settings(REINTEGRA_ENCRYPTION_KEYS=[OTHER_KEY]):
        with pytest.raises(CommandError, match="REINTEGRA_ENCRYPTION_KEYS cannot decrypt it"):
            call_command("restore", "--force", str(archive))


def test_backup_refuses_to_overwrite_an_archive(world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", "--output", str(archive))
    assert archive.read_bytes() == b"older backup"


def test_prune_keeps_the_newest_archives_only(tmp_path):
    names = [f"reintegra-daily-2026120{day}T020000Z.tar.gz" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "keep-me.txt").write_bytes(b"not a backup")
    (tmp_path / "reintegra-20261101T020000Z.tar.gz").write_bytes(b"made by hand")

    removed = backup_prune(directory=tmp_path, keep=2)

    assert sorted(path.name for path in removed) == names[:3]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "keep-me.txt",
        "reintegra-20261101T020000Z.tar.gz",
        *names[3:],
    ]
