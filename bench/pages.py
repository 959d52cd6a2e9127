"""The pages the benchmark measures, and how their queries are counted.

Shared by the harness (`python -m bench`) and the pinned query-count tests
(tests/test_page_query_counts.py), so both measure the same URLs the same way.
Nothing here imports bench.models: the tests run without the bench app installed.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reintegra.accounts.models import User
from reintegra.cases.models import Case

SEARCH_TERM = "Müller"  # a client surname (with umlaut) that is common in the generated data
QUERY_LIMIT = 12
CASELOAD_USER = "carla"  # the demo team lead of Demo AG's Basel and Zürich units
# p95 targets in ms at 100,000 cases on SQLite (issue "Measured performance").
P95_TARGETS = {
    "case_list": 25.0,
    "case_list_all": 25.0,
    "case_list_deep": 25.0,
    "case_list_phase": 25.0,
    "case_detail": 25.0,
    "api_case_list": 25.0,
    "dashboard": 150.0,
    "dashboard_due": 150.0,  # part of the start page (the "overdue items")
    "search": 100.0,
    "caseload": 100.0,  # issue #22: the start page of a team lead, with the team's caseload
    "inquiries_inbox": 25.0,  # issue #22: the anonymous inquiries' inbox, first page
    "screening_list": 150.0,  # issue #17, with 1,000,000 absences of 50,000 employees
    "insights": 300.0,  # issue #19, over the records of 100,000 cases
    "insights_lead": 300.0,
    "insights_api": 300.0,
}
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    description: str
    user: str | None = None  # who requests it (username); None: the user `bench_pages` was called for


def bench_pages(user: User) -> list[Page]:
    """The measured pages, for `user` (a case manager with many cases): fixed URLs from the data."""
    visible = Case.objects.visible_to(user).filter(status="open").order_by("-created_at", "-id")
    total = visible.count()
    deep = visible[max(total * 4 // 5 - 1, 0)] if total else None
    detail = (
        visible.filter(case_manager=user, phases__key="monitoring", phases__status="in_progress").first()
        or visible.first()
        or Case.objects.visible_to(user).first()
    )
    if detail is None:
        raise LookupError(f"{user.username} sees no cases: generate data first.")
    deep_query = {"status": "open"}
    if deep is not None:
        deep_query["before"] = deep.created_at.isoformat()
    return [
        Page("case_list", "/cases/?status=open", "case list, first page, filter status=open"),
        Page("case_list_all", "/cases/", "case list, first page, no filter (the default view)"),
        Page("case_list_deep", "/cases/?" + urlencode(deep_query), "case list, page at 80 % depth, status=open"),
        Page(
            "case_list_phase",
            "/cases/?status=open&phase=monitoring",
            "case list, first page, filters status=open and phase=monitoring",
        ),
        Page("case_detail", f"/cases/{detail.pk}/", "case page (phases, checklist, people, notes, timeline)"),
        Page("dashboard", "/", "start page: my open cases with phases, recent activity"),
        Page(
            "dashboard_due",
            "/monitoring/summary/",
            "start page's due summary (loaded by htmx): overdue and due-this-week counts over my cases",
        ),
        Page(
            "search", "/cases/?" + urlencode({"q": SEARCH_TERM}), f"case list searched by client name '{SEARCH_TERM}'"
        ),
        Page("api_case_list", "/api/v1/cases/", "GET /api/v1/cases/, first cursor page (25)"),
        Page(
            "caseload",
            "/",
            f"start page of the team lead {CASELOAD_USER}: her cases and the caseload of her units' case managers",
            user=CASELOAD_USER,
        ),
        Page("inquiries_inbox", "/inquiries/", "anonymous inquiries' inbox, first page (25 threads)"),
    ]


def clients_for(user: User, pages: list[Page]) -> dict[str | None, Client]:
    """One signed-in client per user the pages are requested by (None: `user`)."""
    names = {page.user for page in pages}
    clients: dict[str | None, Client] = {None: signed_in_client(user)}
    for name in names - {None}:
        clients[name] = signed_in_client(User.objects.get(username=name))
    return clients


def is_counted(sql: str) -> bool:
    """Transaction control (BEGIN, SAVEPOINT, ...) is not a query: SQLite logs it, PostgreSQL does not."""
    return not sql.lstrip().upper().startswith(TRANSACTION_CONTROL)


def count_queries(client: Client, url: str, *, expect: int = 200) -> tuple[int, list[str]]:
    """Queries one GET of `url` runs on both databases (the access log is the second), and their SQL."""
    with CaptureQueriesContext(connections["default"]) as default, CaptureQueriesContext(connections["audit"]) as audit:
        response = client.get(url)
    if response.status_code != expect:
        raise AssertionError(f"GET {url} answered {response.status_code}, expected {expect}")
    statements = [q["sql"] for q in [*default.captured_queries, *audit.captured_queries] if is_counted(q["sql"])]
    return len(statements), statements


def signed_in_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
