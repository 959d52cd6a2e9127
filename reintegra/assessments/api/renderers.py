import json
from typing import Any

from rest_framework.renderers import BaseRenderer


class SVGRenderer(BaseRenderer):
    """Lets a client ask for `image/svg+xml`. The picture itself is returned as a ready HttpResponse;
    this renderer only renders what DRF answers on errors (as JSON text)."""

    media_type = "image/svg+xml"
    format = "svg"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, str):
            return data.encode("utf-8")
        return json.dumps(data, default=str).encode("utf-8")
