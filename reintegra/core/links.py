"""One-time links: random tokens stored only as their SHA-256, and absolute addresses for e-mails.

Used by every link the product sends without a login behind it (client portal invites,
survey links). The token travels in the link; the database keeps the hash and looks it up.
"""

import hashlib
import secrets

from django.conf import settings
from django.http import HttpRequest

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh random token and the hash to store for it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`REINTEGRA_BASE_URL` + path; without it the address the request came to, else the bare path."""
    if not path:
        return ""
    base = str(getattr(settings, "REINTEGRA_BASE_URL", "") or "").rstrip("/")
    if base:
        return f"{base}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    return path
