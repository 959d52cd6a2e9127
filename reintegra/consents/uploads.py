"""Checks for uploaded scans: the type is sniffed from the content, not trusted from the name."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext as _

MAX_SCAN_BYTES = 5 * 1024 * 1024
SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}


def sniff_scan(upload: File) -> tuple[str, str]:
    """Return (content type, extension) of a PDF, PNG or JPEG upload, or raise a field error."""
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError({"scan": [_("The file is larger than 5 MB. Scan with a lower resolution.")]})
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise ValidationError({"scan": [_("Upload a PDF, PNG or JPEG file.")]})
