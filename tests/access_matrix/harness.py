"""How one matrix cell is requested and how its answer is classified."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.access_matrix.routes import Route
from tests.access_matrix.world import World

# What a cell expects.
OK = "ok"  # allowed: 2xx, a redirect that is not to the sign-in page, or 400 for the empty body
LOGIN = "login"  # 302 to the sign-in page (anonymous on pages)
KEYWORD = re.compile(r"<(?:\w+:)?(\w+)>")


def url_for(world: World, route: Route) -> str:
    keywords = KEYWORD.findall(route.pattern)
    own = world.route_kwargs.get(route.name, {})
    missing = [k for k in keywords if k not in own and k not in world.kwargs]
    assert not missing, (
        f"{route.name}: no object for URL keyword(s) {missing}: add them to World.kwargs "
        f"or World.route_kwargs in tests/access_matrix/world.py"
    )
    kwargs = {k: own.get(k, world.kwargs.get(k)) for k in keywords}
    return (
        reverse(route.name, kwargs=kwargs) if ":" in route.name or not route.name.endswith("/") else "/" + route.pattern
    )


def client_for(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    session = world.sessions.get(role)
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


def send(client: Client, route: Route, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if route.is_api:
        return client.generic(method, url, data="{}", content_type="application/json")
    return client.generic(method, url, data="", content_type="application/x-www-form-urlencoded")


def classify(response: Any) -> str | int:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        if location.startswith(str(settings.LOGIN_URL)) or location.startswith(reverse(settings.LOGIN_URL)):
            return LOGIN
        if location.startswith(reverse("accounts:otp_setup")) or location.startswith(reverse("accounts:otp_verify")):
            return "second-factor"
        return OK
    if 200 <= status < 300 or status == 400:
        return OK
    return int(status)
