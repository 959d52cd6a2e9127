"""A logging filter that keeps the anonymous first contact anonymous in the application's logs.

Attached to the log handlers in settings (LOGGING). For a record about one of the public
inquiry URLs it drops what could identify the person — the request object (which carries the
address, browser and cookies to any handler that formats it), the server's socket, any IP
address — and replaces the thread code in the path. Records about other URLs pass unchanged.
Imported by the logging configuration before the apps are ready: no model imports here.
"""

import logging
import re

# The public paths (pages and API) of the anonymous first contact.
PUBLIC_PATH = re.compile(r"/(?:k/[^/\s\"?]+|api/v1/public/(?:[^/\s\"?]+/)?inquiries)(?:/[^\s\"?]*)?")
THREAD_CODE = re.compile(r"(/api/v1/public/inquiries/)[^/\s\"?]+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6 = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])")
# Attributes Django and servers attach to records that may carry the client's detail.
IDENTIFYING_ATTRIBUTES = ("request", "client_addr", "remote_addr", "server_time")


def is_public_inquiry_path(path: str) -> bool:
    return bool(PUBLIC_PATH.search(path or ""))


def redact(text: str) -> str:
    text = THREAD_CODE.sub(r"\1…", text)
    text = IPV4.sub("…", text)
    return IPV6.sub("…", text)


class AnonymousPathsFilter(logging.Filter):
    """Keep records, but strip the client's address, browser and cookies from those about public inquiry URLs."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") or ""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler
            return True
        if not (is_public_inquiry_path(path) or is_public_inquiry_path(message)):
            return True
        record.msg = redact(message)
        record.args = ()
        for name in IDENTIFYING_ATTRIBUTES:
            if hasattr(record, name):
                setattr(record, name, None)
        if record.exc_info:  # a traceback's frames hold the request too: keep only its type and text
            kind, value = record.exc_info[0], record.exc_info[1]
            record.msg += f" ({kind.__name__ if kind else 'error'}: {redact(str(value))})"
            record.exc_info = None
            record.exc_text = None
        return True
