"""Every link on a person's start page leads somewhere they may go (UX: no link ends in a 403).

The organisation admin sees the team's caseload but may not open the monitoring lists; the
overdue count is shown without a link for them.
"""

import re
from importlib import import_module

import pytest

from reintegra.accounts.models import User

pytestmark = pytest.mark.django_db(databases=["default", "audit"])

HREF = re.compile(r'href="(/[^"#]*)"')


@pytest.fixture
def demo() -> None:
    for app in ("accounts", "cases", "plans", "monitoring"):
        import_module(f"reintegra.{app}.demo").load()


def _failed_links(client, username: str) -> dict[str, int]:
    client.force_login(User.objects.get(username=username))
    page = client.get("/", follow=True)  # portal accounts land on their portal
    assert page.status_code == 200
    links = {
        href.replace("&amp;", "&")
        for href in HREF.findall(page.content.decode())
        if not href.startswith(("/static/", "/accounts/logout", "/i18n/"))
    }
    assert links
    failed = {}
    for href in sorted(links):
        status = client.get(href).status_code
        if status not in (200, 302):
            failed[href] = status
    return failed


def test_every_start_page_link_opens(client, demo):
    """One demo load for every role (the demo takes a few seconds)."""
    failed = {name: _failed_links(client, name) for name in ("anna", "carla", "admin", "dora", "emil")}
    assert failed == {name: {} for name in failed}


def test_admin_sees_overdue_counts_without_monitoring_links(client, demo):
    client.force_login(User.objects.get(username="admin"))
    html = client.get("/").content.decode()
    assert "caseload-heading" in html
    assert "/monitoring/?scope=visible" not in html
