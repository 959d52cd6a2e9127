"""Encrypted file storage: uploads with health data (consent scans) are stored encrypted at rest.

`EncryptedStorageMixin` encrypts whatever a storage saves and decrypts what it opens, with the
keys and rotation of the encrypted text fields (`core.crypto`, `REINTEGRA_ENCRYPTION_KEYS`; the
first key encrypts, all decrypt; `manage.py reencrypt` rewrites every file with the newest key
and encrypts files stored before this existed). It sits on a storage class of the deployment's
choice: `EncryptedFileSystemStorage` (production), `EncryptedInMemoryStorage` (tests). The
storage is the `scans` alias of `STORAGES`; file fields name it by `scan_storage`.

A file stored before encryption (no `RIENC1:` header) is still read as it is, so the site keeps
working between the upgrade and the `reencrypt` run that encrypts it.
"""

import os
import tempfile
from pathlib import Path
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, InMemoryStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

from reintegra.core import crypto


class EncryptedStorageMixin:
    """Encrypt on save, decrypt on open; `reencrypt` rewrites one stored file with the newest key."""

    def _save(self, name: str, content: File) -> str:
        content.seek(0)
        encrypted = crypto.encrypt_bytes(content.read())
        return super()._save(name, ContentFile(encrypted))  # type: ignore[misc]

    def _read_raw(self, name: str) -> bytes:
        with super()._open(name, "rb") as raw:  # type: ignore[misc]
            data: bytes = raw.read()
        return data

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Encrypted files are written through save(), not opened for writing.")
        data = self._read_raw(name)
        plain = crypto.decrypt_bytes(data) if crypto.is_encrypted_blob(data) else data
        return ContentFile(plain, name=name)

    def size_plain(self, name: str) -> int:
        with self._open(name) as handle:
            return int(handle.size)

    def reencrypt(self, name: str) -> bool:
        """Encrypt the stored file `name` with the newest key if it is plaintext or under an
        older key; False when it needed nothing. On a file system the new content replaces the
        old atomically (a crash leaves one or the other, never neither)."""
        data = self._read_raw(name)
        if not crypto.blob_needs_rotation(data):
            return False
        plain = crypto.decrypt_bytes(data) if crypto.is_encrypted_blob(data) else data
        encrypted = crypto.encrypt_bytes(plain)
        if isinstance(self, FileSystemStorage):
            target = Path(self.path(name))
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".reencrypt-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(encrypted)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(temporary, target.stat().st_mode & 0o777)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        else:
            storage: Any = self
            storage.delete(name)
            Storage.save(storage, name, ContentFile(plain))  # `_save` encrypts it again
        return True


class EncryptedFileSystemStorage(EncryptedStorageMixin, FileSystemStorage):
    pass


class EncryptedInMemoryStorage(EncryptedStorageMixin, InMemoryStorage):
    pass


class _ScanStorage(LazyObject):
    """`STORAGES["scans"]`, looked up when first used and again after the setting changed (a test
    that puts the uploads on disk), like Django's `default_storage`."""

    def _setup(self) -> None:
        self._wrapped = storages["scans"]


_scans = _ScanStorage()


@receiver(setting_changed)
def _scans_reset(*, setting: str, **kwargs: Any) -> None:
    if setting in ("STORAGES", "MEDIA_ROOT"):
        _scans._wrapped = empty  # type: ignore[assignment]


def scan_storage() -> Storage:
    """The storage of consent scans (`STORAGES["scans"]`); a callable so migrations do not freeze it."""
    return _scans  # type: ignore[return-value]


def stored_raw(storage: Storage, name: str) -> bytes:
    """The bytes as stored (for tests and checks): encrypted where the storage encrypts."""
    if isinstance(storage, EncryptedStorageMixin):
        return storage._read_raw(name)
    handle: IO[bytes]
    with storage.open(name, "rb") as handle:
        return handle.read()
