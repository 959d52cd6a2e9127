"""Temporary uploads: where Django spools large uploads, and the clean-up when a process starts.

Django writes an upload larger than `FILE_UPLOAD_MAX_MEMORY_SIZE` to a temporary file in
`FILE_UPLOAD_TEMP_DIR` and deletes it at the end of the request. A process killed mid-upload
leaves that plaintext partial behind, so the folder lives inside the var directory (with the
data it belongs to, readable by the app's user only) and every process that starts removes the
leftovers: files not touched for `REINTEGRA_UPLOAD_TEMP_MAX_AGE` seconds (default 600). Younger
files may be uploads still in flight in another process of the same host, and are kept.
"""

import logging
import os
import time
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_MAX_AGE = 600


def upload_temp_dir() -> Path | None:
    value = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    return Path(value) if value else None


def upload_temp_prepare(*, now: float | None = None) -> int:
    """Make the folder (0700) if missing and remove leftovers; returns how many files went."""
    folder = upload_temp_dir()
    if folder is None:
        return 0
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    max_age = int(getattr(settings, "REINTEGRA_UPLOAD_TEMP_MAX_AGE", DEFAULT_MAX_AGE))
    limit = (now if now is not None else time.time()) - max_age
    removed = 0
    for entry in os.scandir(folder):
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:  # another process removed it first
            continue
    if removed:
        logger.warning("Removed %d temporary upload(s) left behind in %s", removed, folder)
    return removed
