"""Every URL route of the project, found by walking the resolver, and the HTTP methods its view accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")

# Routes that are deliberately not in the matrix, each with the reason. Matched by name or, for
# unnamed routes, by the route pattern's prefix.
EXCLUDED_PREFIXES = {
    "admin/": "Django admin: superusers only, guarded by Django's own admin site (not a product route)",
    "i18n/": "Django's language switch (set_language): no data, open to everyone by design",
    "static/": "static files (DEBUG only)",
}
EXCLUDED_NAMES = {
    "set_language": "Django's language switch: no data, open to everyone by design",
    "api-schema": "OpenAPI schema: describes the API, no data (tested by reintegra/core/tests/test_schema.py)",
    "api-docs": "Swagger UI for the schema: no data",
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: Any

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def keywords(self) -> list[str]:
        from django.urls.resolvers import RoutePattern

        return [k for k in RoutePattern(self.pattern).converters]

    def view_methods(self) -> set[str] | None:
        """The methods a class-based view accepts (DRF or Django); None for a function view."""
        callback = self.callback
        actions = getattr(callback, "actions", None)
        if actions:  # a DRF viewset bound to its actions
            return {m.upper() for m in actions} - {"HEAD", "OPTIONS"}
        cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
        if cls is None:
            return None
        names = [m for m in cls.http_method_names if m not in ("head", "options", "trace")]
        return {m.upper() for m in names if hasattr(cls, m)}


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> list[Route]:
    found: list[Route] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            found += _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            found.append(Route(name=name or pattern, pattern=pattern, callback=entry.callback))
    return found


def excluded(route: Route) -> str | None:
    for prefix, reason in EXCLUDED_PREFIXES.items():
        if route.pattern.startswith(prefix):
            return reason
    return EXCLUDED_NAMES.get(route.name)


def all_routes() -> list[Route]:
    """Every route in the project, excluded ones left out; unique by name."""
    seen: dict[str, Route] = {}
    for route in _walk(get_resolver(), "", None):
        if excluded(route) is None:
            seen.setdefault(route.name, route)
    return list(seen.values())
