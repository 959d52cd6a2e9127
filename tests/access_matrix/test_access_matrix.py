"""The access matrix (issue #6): every route × method × role, for status, for what changes and for the access log.

Each cell sends one request (GET, or the method with an empty body) as one person and checks:
the status class; on a refusal (and on a 400) that the default database is unchanged; for
case routes that a 404 wrote a `denied` entry and shown content a `read`/`disclose` entry for
that person and case; and that people who may not see the case find neither its id nor its
client's name in whatever they are shown.

The expectations live in matrix.py; known bugs are listed in bugs.py and run as strict xfails.
A route that is not in the matrix (or an entry whose route is gone) fails `test_matrix_covers_every_route`.
"""

from __future__ import annotations

from typing import Any

import pytest

from reintegra.audit.models import AccessAction, AccessLogEntry
from tests.access_matrix.bugs import BUGS
from tests.access_matrix.harness import LOGIN, classify, client_for, send, url_for
from tests.access_matrix.matrix import MATRIX, NO_READ_LOG
from tests.access_matrix.routes import EXCLUDED_NAMES, EXCLUDED_PREFIXES, UNSAFE, all_routes
from tests.access_matrix.snapshot import diff, snapshot

pytestmark = pytest.mark.django_db

ROUTES = {route.name: route for route in all_routes()}
DENIED = (LOGIN, 401, 403, 404)
# People who may never see the shared case: whatever they are shown must not contain it.
MUST_NOT_SEE = ("unit_cm", "other_unit_cm", "other_org_cm", "org_admin", "employer_withdrawn", "dpo", "anon")
# Routes that name the case without showing its content: the access log shows case ids to data protection.
# The record export is data protection's job (API.md): it hands the person's data to them by design.
LEAK_EXEMPT = {"audit:log", "audit:log_csv", "api:access-log-list", "records:client_export", "api:client-export"}


def _body(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def _cells() -> list[Any]:
    cells = []
    for name, methods in MATRIX.items():
        if name not in ROUTES:
            continue  # reported by test_matrix_covers_every_route
        for method, expectations in methods.items():
            for role, expected in expectations.items():
                key = f"{name}-{method}-{role}"
                marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {BUGS[key]}")] if key in BUGS else []
                cells.append(pytest.param(name, method, role, expected, id=key, marks=marks))
    return cells


def _template(route: Any) -> str:
    methods = sorted(route.view_methods() or {"GET"})
    kind = "API" if route.is_api else "PAGE"
    return f'    "{route.name}": {{' + ", ".join(f'"{m}": CASE_{kind}' for m in methods) + "},"


def test_matrix_covers_every_route() -> None:
    missing = [route for name, route in ROUTES.items() if name not in MATRIX]
    gone = [name for name in MATRIX if name not in ROUTES]
    message = []
    if missing:
        message.append(
            "Routes missing from the access matrix: add an entry for each to MATRIX in "
            "tests/access_matrix/matrix.py (who may use it, per method), e.g.\n"
            + "\n".join(f"{_template(r)}  # /{r.pattern}" for r in missing)
            + "\n(or, for a route without personal data that needs no check, to EXCLUDED_NAMES in routes.py "
            "with a reason)"
        )
    if gone:
        message.append("Matrix entries whose route no longer exists: remove them from MATRIX: " + ", ".join(gone))
    assert not message, "\n\n".join(message)


def test_matrix_lists_the_methods_each_class_based_view_accepts() -> None:
    wrong = {}
    for name, methods in MATRIX.items():
        route = ROUTES.get(name)
        accepted = route.view_methods() if route else None
        if accepted is not None and set(methods) != accepted:
            wrong[name] = f"matrix {sorted(methods)}, view accepts {sorted(accepted)}"
    assert not wrong, f"Fix the methods of these entries in tests/access_matrix/matrix.py: {wrong}"


def test_exclusions_have_reasons() -> None:
    assert all(EXCLUDED_NAMES.values()) and all(EXCLUDED_PREFIXES.values())


def test_every_bug_names_a_matrix_cell() -> None:
    cells = {f"{n}-{m}-{r}" for n, ms in MATRIX.items() for m, rs in ms.items() for r in rs}
    assert not set(BUGS) - cells, f"BUGS entries without a matrix cell: {sorted(set(BUGS) - cells)}"


@pytest.mark.parametrize(("name", "method", "role", "expected"), _cells())
def test_access(world: Any, name: str, method: str, role: str, expected: Any) -> None:
    route = ROUTES[name]
    url = url_for(world, route)
    user = world.users[role]
    if role == "unit_cm_on":
        type(world.organisation).objects.filter(pk=world.organisation.pk).update(case_managers_see_unit=True)
    denied = expected in DENIED
    check_changes = denied or method in UNSAFE
    before = snapshot() if check_changes else None
    logged_before = AccessLogEntry.objects.count()
    denied_before = (
        AccessLogEntry.objects.filter(user_id=str(user.pk), action=AccessAction.DENIED).count() if user else 0
    )

    response = send(client_for(world, role), route, method, url)

    actual = classify(response)
    where = f"{method} {url} as {role}"
    assert actual == expected, f"{where}: expected {expected}, got {response.status_code} ({actual})"
    if method == "GET" and role in MUST_NOT_SEE and response.status_code < 300 and name not in LEAK_EXEMPT:
        body = _body(response)
        leaked = [marker for marker in world.markers if marker in body]
        assert not leaked, f"{where}: shows the case to someone who may not see it ({leaked} in the response)"
    if before is not None and (denied or response.status_code == 400):
        changes = diff(before, snapshot())
        assert not changes, f"{where} was refused ({response.status_code}) but changed data: {changes}"
    if response.status_code == 403 and user is not None:  # every refusal is logged (#21 item 6)
        refused = AccessLogEntry.objects.filter(user_id=str(user.pk), action=AccessAction.DENIED).count()
        assert refused > denied_before, f"{where}: refused (403) without a denied entry in the access log"
    if method == "GET" and user is not None and "case_id" in route.pattern and name not in NO_READ_LOG:
        new = AccessLogEntry.objects.order_by("-at", "-pk")[: AccessLogEntry.objects.count() - logged_before]
        actions = {e.action for e in new if e.user_id == str(user.pk) and e.case_id == world.case_id}
        if expected == 404:  # the case was looked up and is not visible to them (a 403 is a role check at the door)
            assert actions & {AccessAction.DENIED, AccessAction.READ}, (
                f"{where}: refused without a denied entry (for this user and case) in the access log"
            )
        elif 200 <= response.status_code < 300:  # content was shown
            wanted = {AccessAction.READ, AccessAction.DISCLOSE, AccessAction.EXPORT}
            assert actions & wanted, (
                f"{where}: case content shown without a read/disclose entry (for this user and case) in the access log"
            )
