"""The matrix's HTML pages, each opened once as the first role allowed to read it (the checks of
what a page shows in a language: test_raw_keys, test_languages)."""

from __future__ import annotations

from typing import Any

from tests.access_matrix.harness import OK, classify, client_for, url_for
from tests.access_matrix.matrix import MATRIX
from tests.access_matrix.routes import all_routes
from tests.access_matrix.world import World

ROUTES = {route.name: route for route in all_routes()}


def readable_pages() -> list[tuple[str, str]]:
    """(route name, role): every page route (not the API) someone may GET, with the first such role."""
    pages = []
    for name, methods in sorted(MATRIX.items()):
        route = ROUTES.get(name)
        if route is None or route.is_api or "GET" not in methods:
            continue
        allowed = [role for role, expected in methods["GET"].items() if expected == OK]
        if allowed:
            pages.append((name, allowed[0]))
    return pages


def page_html(world: World, name: str, role: str, language: str) -> str | None:
    """The page `name` as `role` in `language` (it must answer as the matrix says), or None when the
    answer is no HTML page (a redirect, a file, a PDF: their texts are checked by their own tests)."""
    response: Any = client_for(world, role).get(url_for(world, ROUTES[name]), HTTP_ACCEPT_LANGUAGE=language)
    assert classify(response) == OK, f"{name} as {role}: {response.status_code}"
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return None
    return str(response.content.decode("utf-8", errors="replace"))
