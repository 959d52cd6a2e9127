"""Consent scans at rest (#21 item 8): encrypted with the health-data keys and rotated with them,
replaced files deleted after commit, nothing left behind by a rolled-back upload, plaintext files
of earlier versions encrypted by `manage.py reencrypt`, temporary uploads inside the var folder."""

import base64
import io
import os
import time
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import call_command

from reintegra.consents.models import Consent
from reintegra.consents.services import consent_record, consent_scan_attach
from reintegra.core import crypto
from reintegra.core.storage import EncryptedStorageMixin, scan_storage, stored_raw
from reintegra.core.uploads import upload_temp_prepare
from tests.support.people import api_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 signed by Juerg Mueller"
NEW_KEY = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def consent(alice, case):
    return consent_record(actor=alice, case=case, purpose="data_collection", form="written", given_on=date(2026, 1, 5))


def attach(alice, case, consent, content=PDF, name="scan.pdf"):
    return consent_scan_attach(
        actor=alice, case=case, consent=consent, scan=SimpleUploadedFile(name, content, "application/pdf")
    )


def stored_names(consent):
    """The stored files of this consent (the in-memory storage is shared by the test process)."""
    storage = scan_storage()
    if not storage.exists("consents"):
        return []
    folders, _files = storage.listdir("consents")
    return sorted(
        f"consents/{folder}/{name}"
        for folder in folders
        for name in storage.listdir(f"consents/{folder}")[1]
        if name.startswith(f"consent-{consent.pk}")
    )


def test_a_stored_scan_is_encrypted_and_served_decrypted(alice, case, consent):
    attach(alice, case, consent)
    consent.refresh_from_db()
    raw = stored_raw(scan_storage(), consent.scan.name)
    assert raw.startswith(b"RIENC1:") and b"Juerg" not in raw and b"%PDF" not in raw
    url = f"/api/v1/cases/{case.pk}/consents/{consent.pk}/scan/"
    download = api_for(alice).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_the_production_storage_encrypts_on_disk(tmp_path, settings):
    """The storage named in base settings, on a real folder: no plaintext byte on disk."""
    from reintegra.core.storage import EncryptedFileSystemStorage

    storage = EncryptedFileSystemStorage(location=tmp_path)
    name = storage.save("consents/2026/consent-x.pdf", ContentFile(PDF))
    assert PDF not in (tmp_path / name).read_bytes()
    with storage.open(name) as handle:
        assert handle.read() == PDF
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert storage.reencrypt(name) is False  # newest key already


def test_replaced_scans_are_deleted_after_commit(alice, case, consent, django_capture_on_commit_callbacks):
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            attach(alice, case, Consent.objects.get(pk=consent.pk), content=PDF + str(number).encode())
    consent.refresh_from_db()
    assert stored_names(consent) == [consent.scan.name]
    with scan_storage().open(consent.scan.name) as handle:
        assert handle.read() == PDF + b"4"


def test_a_replaced_scan_stays_until_the_change_commits(alice, case, consent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attach(alice, case, consent)
    first = Consent.objects.get(pk=consent.pk).scan.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attach(alice, case, Consent.objects.get(pk=consent.pk), content=PDF + b"2")
    assert first in stored_names(consent)  # not committed yet: the row still may point to it
    for callback in callbacks:
        callback()
    assert first not in stored_names(consent) and len(stored_names(consent)) == 1


def test_a_failed_attach_leaves_no_file(alice, case, consent, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr("reintegra.consents.services.event_record", broken)
    with pytest.raises(RuntimeError):
        attach(alice, case, consent)
    assert stored_names(consent) == []
    assert not Consent.objects.get(pk=consent.pk).scan


def test_scans_rotate_with_the_keys_and_plaintext_ones_are_encrypted(alice, case, consent, settings):
    attach(alice, case, consent)
    consent.refresh_from_db()
    storage = scan_storage()
    assert isinstance(storage, EncryptedStorageMixin)
    # A scan stored in plaintext by an earlier version (written past the encryption).
    legacy = consent_record(
        actor=alice, case=case, purpose="share_with_provider", form="written", given_on=date(2026, 1, 6)
    )
    legacy_name = InMemoryStorage._save(storage, "consents/2025/consent-legacy.pdf", ContentFile(b"%PDF old"))  # type: ignore[arg-type]
    Consent.objects.filter(pk=legacy.pk).update(scan=legacy_name)
    with storage.open(legacy_name) as handle:  # still readable before the upgrade step
        assert handle.read() == b"%PDF old"

    old_keys = list(settings.REINTEGRA_ENCRYPTION_KEYS)
    settings.REINTEGRA_ENCRYPTION_KEYS = [NEW_KEY, *old_keys]
    out = io.StringIO()
    call_command("reencrypt", "--files-only", stdout=out)
    assert "consents.Consent.scan: 2 files encrypted with the newest key" in out.getvalue()
    settings.REINTEGRA_ENCRYPTION_KEYS = [NEW_KEY]  # the old key is dropped: both still open
    for name, content in ((consent.scan.name, PDF), (legacy_name, b"%PDF old")):
        raw = stored_raw(storage, name)
        assert raw.startswith(b"RIENC1:") and not crypto.blob_needs_rotation(raw)
        with storage.open(name) as handle:
            assert handle.read() == content
    out = io.StringIO()
    call_command("reencrypt", "--files-only", stdout=out)
    assert "0 files encrypted" in out.getvalue()  # idempotent


def test_a_wrong_key_does_not_serve_garbage(alice, case, consent, settings):
    attach(alice, case, consent)
    consent.refresh_from_db()
    settings.REINTEGRA_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(crypto.DecryptionError):
        scan_storage().open(consent.scan.name)


# --- temporary uploads ---------------------------------------------------------------------------


def test_temporary_uploads_live_in_the_var_folder():
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    assert folder.is_relative_to(settings.VAR_DIR)
    assert folder.is_dir() and folder.stat().st_mode & 0o777 == 0o700
    spooled = TemporaryUploadedFile("scan.pdf", "application/pdf", 3_000_000, None)
    try:
        assert Path(spooled.temporary_file_path()).parent == folder
    finally:
        spooled.close()


def test_leftover_uploads_are_removed_when_a_process_starts(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    assert upload_temp_prepare() == 0
    folder = tmp_path / "uploads"
    leftover = folder / "tmpabc.upload.pdf"
    leftover.write_bytes(b"%PDF partial" * 1000)
    in_flight = folder / "tmpdef.upload.pdf"
    in_flight.write_bytes(b"%PDF uploading")
    hour_ago = time.time() - 3600
    os.utime(leftover, (hour_ago, hour_ago))
    assert upload_temp_prepare() == 1
    assert not leftover.exists() and in_flight.exists()  # another process may still be writing it
