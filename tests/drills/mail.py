"""The drills' outgoing mail server: one file per message in `REINTEGRA_DRILL_MAIL_DIR`.

Sending takes `REINTEGRA_DRILL_MAIL_DELAY` seconds (an SMTP round trip): while it lasts, an
`inflight-<pid>` marker names the process that is sending, so that a drill can kill the worker
in the middle of a delivery, after the claim and before the message went out.
"""

import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class DrillMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        directory = Path(os.environ["REINTEGRA_DRILL_MAIL_DIR"])
        delay = float(os.environ.get("REINTEGRA_DRILL_MAIL_DELAY", "0"))
        marker = directory / f"inflight-{os.getpid()}"
        sent = 0
        for message in email_messages:
            marker.write_text(str(message.extra_headers.get("Message-ID", "")))
            time.sleep(delay)
            partial = directory / f".{uuid.uuid4().hex}.part"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(directory / f"{time.time_ns()}-{uuid.uuid4().hex}.eml")  # complete or absent
            marker.unlink(missing_ok=True)
            sent += 1
        return sent


def delivered(directory: Path) -> list[str]:
    """The Message-IDs of the delivered messages, one per message (duplicates stay in the list)."""
    from email import message_from_bytes

    return [
        "".join(str(message_from_bytes(path.read_bytes())["Message-ID"]).split())
        for path in sorted(directory.glob("*.eml"))
    ]
