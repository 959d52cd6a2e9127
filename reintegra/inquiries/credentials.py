"""The code and passphrase that let a person without an account come back to their thread.

- The code finds the thread: 16 symbols of a 32-symbol alphabet (80 bits), shown in groups
  of four. Only its SHA-256 is stored; looking a code up by its digest reveals nothing about
  other codes.
- The passphrase proves it is theirs: 20 symbols (100 bits), stored as a Django password hash
  and checked with the hasher's constant-time comparison.
Both use an alphabet without look-alikes (no 0/O, 1/I/l), because people copy them from paper.
"""

import hashlib
import re
import secrets

from django.contrib.auth.hashers import check_password, make_password

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each
PASSPHRASE_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"  # noqa: S105 - an alphabet, not a password; 32 symbols
CODE_LENGTH = 16  # 80 bits
PASSPHRASE_LENGTH = 20  # 100 bits
GROUP = 4
SEPARATORS = re.compile(r"[\s\-_.]+")


def _grouped(value: str) -> str:
    return "-".join(value[i : i + GROUP] for i in range(0, len(value), GROUP))


def code_new() -> str:
    return _grouped("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def passphrase_new() -> str:
    return _grouped("".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(PASSPHRASE_LENGTH)))


def code_normalise(code: str) -> str:
    """What the person typed, without the separators and case they may have added."""
    return SEPARATORS.sub("", code or "").upper()


# Longer input cannot be a passphrase; cut it before hashing so that a huge header costs no more.
PASSPHRASE_INPUT_LIMIT = 200


def passphrase_normalise(passphrase: str) -> str:
    return SEPARATORS.sub("", (passphrase or "")[:PASSPHRASE_INPUT_LIMIT]).lower()


def code_digest(code: str) -> str:
    return hashlib.sha256(code_normalise(code).encode()).hexdigest()


def passphrase_hash(passphrase: str) -> str:
    return make_password(passphrase_normalise(passphrase))


def passphrase_matches(passphrase: str, stored_hash: str | None) -> bool:
    """Constant-time check; without a stored hash (unknown code) the same work is done anyway,
    so the answer time does not tell whether the code exists."""
    if stored_hash is None:
        make_password(passphrase_normalise(passphrase))
        return False
    return check_password(passphrase_normalise(passphrase), stored_hash)
