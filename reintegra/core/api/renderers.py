"""Renderers for API views that answer with a file (PDF, SVG): a client may ask for the file type in
its Accept header; the view answers with the file itself, errors still as JSON bytes."""

import json
from typing import Any

from rest_framework.renderers import BaseRenderer


class FileRenderer(BaseRenderer):
    """Lets a client ask for the file type (Accept header); the view answers with the file itself.
    Errors still come as JSON bytes."""

    charset = None
    render_style = "binary"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, bytes):
            return data
        return json.dumps(data).encode()


class PDFRenderer(FileRenderer):
    media_type = "application/pdf"
    format = "pdf"


class SVGRenderer(FileRenderer):
    media_type = "image/svg+xml"
    format = "svg"
