"""Shared set-up for the inquiry tests: a clean rate-limit cache and helpers for the public API."""

from typing import Any

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from tests.support.people import api_for  # noqa: F401  (re-exported for the tests)

ADDRESS = "203.0.113.77"
BROWSER = "Mozilla/5.0 (SecretPhone; Fingerprint-4711) Reintegra-Test"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Any:
    """Counters live in the cache across tests of one process: every test starts at zero."""
    caches["ratelimit"].clear()
    yield
    caches["ratelimit"].clear()


@pytest.fixture
def public() -> APIClient:
    """An anonymous client that sends an address and a browser string (which must never be kept)."""
    return APIClient(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=BROWSER)


def ask(client: APIClient, slug: str, text: str = "Was passiert, wenn ich von meiner Krankheit erzähle?") -> Any:
    return client.post(f"/api/v1/public/{slug}/inquiries/", {"text": text}, format="json")


def read(client: APIClient, code: str, passphrase: str) -> Any:
    return client.get(f"/api/v1/public/inquiries/{code}/", HTTP_X_PASSPHRASE=passphrase)


def write(client: APIClient, code: str, passphrase: str, text: str) -> Any:
    return client.post(
        f"/api/v1/public/inquiries/{code}/messages/", {"text": text}, format="json", HTTP_X_PASSPHRASE=passphrase
    )
