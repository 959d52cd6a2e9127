"""Authenticated encryption (AES-GCM) for free text at rest, with key rotation.

Keys come from settings.REINTEGRA_ENCRYPTION_KEYS: base64 keys of 32 bytes, the
first encrypts, all of them decrypt. A token is `v1:<key id>:<base64 nonce+ciphertext>`;
the key id is the first 8 hex digits of the key's SHA-256, so rotating means
putting a new key first and keeping the old ones until `manage.py reencrypt` ran.
"""

import base64
import hashlib
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1"


class DecryptionError(Exception):
    """A stored value could not be decrypted (unknown key or tampered data)."""


@lru_cache(maxsize=8)
def _parse_keys(raw: tuple[str, ...]) -> tuple[tuple[str, bytes], ...]:
    keys = []
    for item in raw:
        try:
            key = base64.b64decode(item, validate=True)
        except ValueError as exc:
            raise ImproperlyConfigured("REINTEGRA_ENCRYPTION_KEYS holds a value that is not base64.") from exc
        if len(key) != 32:
            raise ImproperlyConfigured("Each key in REINTEGRA_ENCRYPTION_KEYS must be 32 bytes (base64).")
        keys.append((hashlib.sha256(key).hexdigest()[:8], key))
    if not keys:
        raise ImproperlyConfigured("REINTEGRA_ENCRYPTION_KEYS is empty: set at least one key.")
    return tuple(keys)


def _keys() -> tuple[tuple[str, bytes], ...]:
    return _parse_keys(tuple(settings.REINTEGRA_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    key_id, key = _keys()[0]
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), PREFIX.encode())
    return f"{PREFIX}:{key_id}:{base64.b64encode(nonce + ciphertext).decode('ascii')}"


def is_token(value: str) -> bool:
    return value.startswith(f"{PREFIX}:") and value.count(":") == 2


def decrypt(token: str) -> str:
    try:
        prefix, key_id, payload = token.split(":", 2)
        blob = base64.b64decode(payload, validate=True)
    except ValueError as exc:
        raise DecryptionError("Malformed encrypted value.") from exc
    if prefix != PREFIX:
        raise DecryptionError("Unknown encryption format.")
    for candidate_id, key in _keys():
        if candidate_id == key_id:
            try:
                return AESGCM(key).decrypt(blob[:12], blob[12:], PREFIX.encode()).decode("utf-8")
            except Exception as exc:  # InvalidTag: tampered or wrong key
                raise DecryptionError("Encrypted value failed authentication.") from exc
    raise DecryptionError(f"No key with id {key_id} is configured.")


def needs_rotation(token: str) -> bool:
    """True when the value was encrypted with a key other than the newest one."""
    return token.split(":", 2)[1] != _keys()[0][0]


# --- files ----------------------------------------------------------------------------------------
# A stored file is `RIENC1:<key id>:` followed by the 12-byte nonce and the AES-GCM ciphertext of
# the whole content (scans are at most a few MB). The same keys as the text fields, the same
# rotation (`manage.py reencrypt`).
FILE_MAGIC = b"RIENC1:"
FILE_AAD = b"reintegra-file-v1"


def is_encrypted_blob(data: bytes) -> bool:
    return data.startswith(FILE_MAGIC)


def encrypt_bytes(plaintext: bytes) -> bytes:
    key_id, key = _keys()[0]
    nonce = os.urandom(12)
    return FILE_MAGIC + key_id.encode("ascii") + b":" + nonce + AESGCM(key).encrypt(nonce, plaintext, FILE_AAD)


def _blob_parts(blob: bytes) -> tuple[str, bytes]:
    if not is_encrypted_blob(blob):
        raise DecryptionError("Not an encrypted file.")
    rest = blob[len(FILE_MAGIC) :]
    key_id, separator, payload = rest[:8].decode("ascii", errors="replace"), rest[8:9], rest[9:]
    if separator != b":" or len(payload) < 12 + 16:
        raise DecryptionError("Malformed encrypted file.")
    return key_id, payload


def decrypt_bytes(blob: bytes) -> bytes:
    key_id, payload = _blob_parts(blob)
    for candidate_id, key in _keys():
        if candidate_id == key_id:
            try:
                return AESGCM(key).decrypt(payload[:12], payload[12:], FILE_AAD)
            except Exception as exc:  # InvalidTag: tampered or wrong key
                raise DecryptionError("Encrypted file failed authentication.") from exc
    raise DecryptionError(f"No key with id {key_id} is configured.")


def blob_needs_rotation(blob: bytes) -> bool:
    """True for a plaintext file and for one encrypted with a key other than the newest."""
    if not is_encrypted_blob(blob):
        return True
    return _blob_parts(blob)[0] != _keys()[0][0]
