"""Cursor pagination with the envelope API.md fixes: {"results": [...], "next": url|null}."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.request import Request
from rest_framework.response import Response


class CursorPagination(pagination.CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-created_at"

    def get_page_size(self, request: Request) -> int | None:
        """`page_size` as documented (an integer from 1 to `max_page_size`); anything else is a 400
        naming the field instead of being ignored (#21 item 14)."""
        raw = request.query_params.get(self.page_size_query_param or "page_size")
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= (self.max_page_size or size):
            message = _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise exceptions.ValidationError({"page_size": [message]})
        return size

    def decode_cursor(self, request: Request) -> Any:
        """An invalid `cursor` is a 400 naming the field (DRF answers 404)."""
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as exc:
            raise exceptions.ValidationError({"cursor": [str(exc.detail)]}) from exc

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

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters


def cursor_pagination(*ordering: str) -> type[CursorPagination]:
    """A CursorPagination class ordered by `ordering` (the last field should be unique)."""
    return type("OrderedCursorPagination", (CursorPagination,), {"ordering": ordering})
