"""schemathesis over every API operation, as several roles, with a bounded number of examples
(#21 item 14): no server error; every answer as the schema documents it (status code, content
type, body); requests that violate the schema refused.

The world is the access matrix's (one organisation with a case that has every kind of record,
people in every role), built once for this module inside a transaction that is rolled back; the
path parameters of the positive examples are the world's real ids, so the requests reach the
objects instead of ending in 404. Each operation is one test: `EXAMPLES` schema-valid requests,
each sent as every role in `ROLES`, and `EXAMPLES` schema-violating ones sent as the owning case
manager (derandomised: the same requests every run; `REINTEGRA_FUZZ_EXAMPLES` raises the
number). About 1,650 requests in all.

Valid requests that the API still refuses with a documented 400 are not failures here: many
rules are not the schema's to say (a case type key that exists, a date after the previous
agreement, a referral's allowed transitions). Known mismatches still to be fixed are in `KNOWN`
and run as strict xfails, as the access matrix's bugs do.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.access_matrix.conftest import rolled_back
from tests.access_matrix.routes import all_routes
from tests.access_matrix.world import World, build

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("REINTEGRA_FUZZ_EXAMPLES", "1"))
# The case's manager, its team lead, an admin and data protection of the organisation, the
# employer contact and the client of the case (portal), a case manager of another organisation,
# and anonymous.
ROLES = ("owner", "team_lead", "org_admin", "dpo", "employer", "client", "other_org_cm", "anon")
NEGATIVE_ROLES = ("owner",)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
KEYWORD = re.compile(r"<(?:\w+:)?(\w+)>")

# Operation label → what is still wrong (strict xfail: fixing it makes the test fail until removed).
KNOWN: dict[str, str] = {}


def _schema_dict() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


SCHEMA = schemathesis.openapi.from_dict(_schema_dict())
SCHEMA.app = get_wsgi_application()
OPERATIONS = {op.ok().label: op.ok() for op in SCHEMA.get_all_operations()}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[World, dict[str, str]]]:
    from knox.models import get_token_model

    with django_db_blocker.unblock():
        for alias in connections:  # never build the world in a development database
            assert "test" in str(connections[alias].settings_dict["NAME"]), f"{alias} is not a test database"
        with rolled_back():
            built = build()
            tokens = {}
            for role, user in built.users.items():
                if user is not None:
                    _instance, token = get_token_model().objects.create(user=user, expiry=None)
                    tokens[role] = token
            # The WSGI handler closes the connections around each request, as a server must; the
            # tests run in one transaction, so (like Django's test client) they stay open here.
            # After `build()`: the test client it uses connects the receiver again.
            request_started.disconnect(close_old_connections)
            request_finished.disconnect(close_old_connections)
            try:
                yield built, tokens
            finally:
                request_started.connect(close_old_connections)
                request_finished.connect(close_old_connections)


def _path_values(world: World) -> dict[str, dict[str, Any]]:
    """Schema path template → the world's values of its parameters."""
    values = {}
    for route in all_routes():
        if route.is_api:
            template = "/" + KEYWORD.sub(r"{\1}", route.pattern)
            own = world.route_kwargs.get(route.name, {})
            values[template] = {k: own.get(k, world.kwargs.get(k)) for k in KEYWORD.findall(route.pattern)}
    return values


def _runner(
    operation: Any, mode: GenerationMode, roles: dict[str, dict[str, str]], path: dict[str, Any], failures: list[str]
) -> Callable[[], None]:
    """One hypothesis run of `operation`: each generated request is sent as every role in `roles`
    (role → its headers), so the examples are generated once per operation and mode."""
    checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        phases=[Phase.explicit, Phase.generate],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        if case.path_parameters and mode == GenerationMode.POSITIVE:
            case.path_parameters = {**case.path_parameters, **{k: v for k, v in path.items() if v}}
        for role, headers in roles.items():
            caches["ratelimit"].clear()
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=checks, headers=headers)
            except Exception as exc:  # noqa: BLE001 - collected: every role's failures in one report
                failures.append(f"{role}, {mode.value}: {exc}")

    return run


def _cells() -> list[Any]:
    return [
        pytest.param(label, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[label])] if label in KNOWN else [])
        for label in sorted(OPERATIONS)
    ]


@pytest.mark.parametrize("label", _cells())
def test_operation(world: tuple[World, dict[str, str]], label: str) -> None:
    built, tokens = world
    operation = OPERATIONS[label]
    path = _path_values(built).get(operation.path, {})
    failures: list[str] = []
    headers = {role: {"Authorization": f"Token {tokens[role]}"} if role in tokens else {} for role in ROLES}
    for mode, roles in (
        (GenerationMode.POSITIVE, ROLES),
        (GenerationMode.NEGATIVE, NEGATIVE_ROLES),
    ):
        try:
            _runner(operation, mode, {role: headers[role] for role in roles}, path, failures)()
        except Unsatisfiable:
            continue  # nothing to make invalid (an operation without input)
    assert not failures, "\n\n".join(text[:3000] for text in failures)
