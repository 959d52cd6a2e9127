"""Cursor pagination with the envelope API.md fixes: {"results": [...], "next": url|null}."""

from typing import Any

from rest_framework import pagination
from rest_framework.response import Response


class CursorPagination(pagination.CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-created_at"

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"results": data, "next": self.get_next_link()})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": schema,
                "next": {"type": "string", "nullable": True, "format": "uri"},
            },
        }


def cursor_pagination(*ordering: str) -> type[CursorPagination]:
    """A CursorPagination class ordered by `ordering` (the last field should be unique)."""
    return type("OrderedCursorPagination", (CursorPagination,), {"ordering": ordering})
