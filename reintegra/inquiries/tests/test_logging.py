"""The server log has no client address, browser detail or thread code for the public inquiry URLs."""

import io
import logging

import pytest

from reintegra.inquiries.log_filters import AnonymousPathsFilter
from reintegra.inquiries.tests.conftest import ADDRESS, BROWSER, ask, read

pytestmark = pytest.mark.django_db


def _console_handler() -> logging.Handler:
    """The handler the project's LOGGING configured (root logger, with the anonymity filter)."""
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, AnonymousPathsFilter) for f in handler.filters):
            return handler
    raise AssertionError("LOGGING has no handler with AnonymousPathsFilter")


class _Keep(logging.Handler):
    """Keeps what a handler would get after the filter, every attribute of the record included."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.addFilter(AnonymousPathsFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log_output():
    console = _console_handler()
    stream = io.StringIO()
    old = console.setStream(stream)  # type: ignore[attr-defined]
    keep = _Keep()
    logging.getLogger().addHandler(keep)
    try:
        yield stream, keep
    finally:
        logging.getLogger().removeHandler(keep)
        console.setStream(old)  # type: ignore[attr-defined]


def test_the_server_log_has_no_client_address_for_the_public_inquiry_urls(public, org, log_output):
    stream, keep = log_output
    given = ask(public, org.slug).json()
    assert read(public, given["code"], "wrong-passphrase").status_code == 404  # logged: "Not Found: …"
    assert ask(public, "no-such-org").status_code == 404
    assert public.get(f"/k/{org.slug}/", HTTP_COOKIE="sessionid=cookie-id-4711").status_code == 200
    assert public.post(f"/k/{org.slug}/", {"text": ""}).status_code == 400  # "Bad Request: /k/…"
    written = stream.getvalue()
    assert "Not Found" in written and "/api/v1/public/inquiries/" in written  # the log was written and read
    everything = written + " ".join(str(vars(record)) for record in keep.records)
    for detail in (ADDRESS, BROWSER, "SecretPhone", given["code"], "cookie-id-4711"):
        assert detail not in everything
    assert keep.records and all(getattr(r, "request", None) is None for r in keep.records)


def test_other_urls_are_logged_as_before(client, log_output):
    stream, keep = log_output
    client.get("/cases/does-not-exist/", REMOTE_ADDR=ADDRESS)
    assert any(getattr(r, "request", None) is not None for r in keep.records)


def test_the_filter_redacts_addresses_and_codes_in_server_lines():
    line = ("GET /api/v1/public/inquiries/ABCD-EFGH/ HTTP/1.1", "404", "10")
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s', line, None)
    record.request = object()  # the socket a development server attaches
    AnonymousPathsFilter().filter(record)
    assert "ABCD-EFGH" not in record.getMessage() and record.request is None
    other = logging.LogRecord("django.server", logging.INFO, __file__, 1, "GET /cases/ from %s", (ADDRESS,), None)
    AnonymousPathsFilter().filter(other)
    assert ADDRESS in other.getMessage()  # not a public inquiry URL: unchanged


def test_the_filter_redacts_ipv6_addresses_in_public_lines():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s from %s", ("/k/demo-ag/", "::1"), None
    )
    AnonymousPathsFilter().filter(record)
    assert "::1" not in record.getMessage()
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "/k/a/ from %s", ("2001:db8::7",), None)
    AnonymousPathsFilter().filter(record)
    assert "2001:db8::7" not in record.getMessage()
