"""What the OpenAPI schema says beyond what drf-spectacular reads from the views (#21 item 14).

- `results_envelope(item)`: the `{"results": [...], "next": null}` of the unpaginated lists
  (same envelope as the cursor pagination), so a list is never documented as a bare array.
- `document_errors`, a post-processing hook: every operation documents the error answers it can
  give, with their bodies — `400` (a body or query parameters to validate: `{"field":
  ["message", …]}` or `{"detail"}`), `401` (operations that need sign-in), `403`, `404` (paths
  with parameters), `409` (changes; `{"detail", "code"}`, see `core.exceptions.ConflictCode`),
  `429` (the sign-in and the public endpoints). A PATCH body that carries `version` requires it,
  as the services do (optimistic locking).
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView

ERROR = "Error"
VALIDATION_ERROR = "ValidationError"
CONFLICT = "ConflictError"

ERROR_SCHEMAS: dict[str, dict[str, Any]] = {
    ERROR: {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": 'The fields that were refused, each with its messages (`{"field": ["…"]}`, nested for '
        'nested input), or `{"detail": "…"}` for a refusal of the whole request.',
        "additionalProperties": {},
        "minProperties": 1,
    },
    CONFLICT: {
        "type": "object",
        "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
        "required": ["detail", "code"],
    },
}
UNSAFE = {"post", "put", "patch", "delete"}
# Endpoints that count requests per address or account (429 once over the limit).
RATE_LIMITED = ("/api/v1/auth/token/", "/api/v1/public/", "/api/v1/introduce/office-hours/")


def results_envelope(name: str, item: serializers.BaseSerializer, **extra: serializers.Field) -> type:
    """A serializer class `{results: [item], next: null, **extra}` for a list that is not paginated."""
    fields: dict[str, Any] = {
        "results": item,
        "next": serializers.CharField(allow_null=True, help_text="Always null: the list is complete."),
        **extra,
    }
    return type(name, (serializers.Serializer,), fields)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in ERROR_SCHEMAS.items():
        schemas.setdefault(name, schema)
    _require_version_on_patch(schemas)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            has_input = bool(operation.get("requestBody")) or any(
                parameter.get("in") == "query" for parameter in operation.get("parameters", [])
            )
            signed_in = any(requirement for requirement in operation.get("security", [{}]))
            # DRF answers an unknown `?format=` (views with several renderers) with 404.
            has_format = any(parameter.get("name") == "format" for parameter in operation.get("parameters", []))
            wanted = {
                "400": (has_input or method in UNSAFE, _answer("Invalid input (the fields named).", VALIDATION_ERROR)),
                "401": (signed_in, _answer("Not signed in (no or an expired token).", ERROR)),
                "403": (True, _answer("Not allowed for this person or role.", ERROR)),
                "404": (
                    "{" in path or method in UNSAFE or has_format,
                    _answer("Not found, or not visible to this person.", ERROR),
                ),
                "409": (method in UNSAFE, _answer("A conflict: stale version, closed case, …", CONFLICT)),
                "429": (path.startswith(RATE_LIMITED), _answer("Too many requests; try again later.", ERROR)),
            }
            for status, (applies, answer) in wanted.items():
                if applies:
                    responses.setdefault(status, answer)
                elif status in responses and "content" not in responses[status]:
                    responses[status] = answer
            for status, answer in responses.items():
                if status[0] in "45" and "content" not in answer:
                    answer["content"] = _answer("", CONFLICT if status == "409" else ERROR)["content"]
    return result


def _require_version_on_patch(schemas: dict[str, Any]) -> None:
    for name, schema in schemas.items():
        if name.startswith("Patched") and "version" in schema.get("properties", {}):
            required = schema.setdefault("required", [])
            if "version" not in required:
                required.append("version")


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, which also knows a paginated list when it sees one: a GET of a
    `GenericAPIView` whose class names its own `pagination_class` (the case's child lists) answers
    the cursor envelope, not one object."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        view = self.view
        if self.method == "GET" and isinstance(view, GenericAPIView) and not self.path.rstrip("/").endswith("}"):
            own = any("pagination_class" in vars(klass) for klass in type(view).__mro__ if klass is not GenericAPIView)
            if own and view.pagination_class is not None:
                return True
        return bool(super()._is_list_view(serializer))

    def get_filter_backends(self) -> list[Any]:
        """No filter parameters for a list view that has no queryset to filter (the case's child
        lists read through the case's selectors)."""
        view = self.view
        if (
            isinstance(view, GenericAPIView)
            and getattr(view, "queryset", None) is None
            and type(view).get_queryset is GenericAPIView.get_queryset
        ):
            return []
        return list(super().get_filter_backends())
