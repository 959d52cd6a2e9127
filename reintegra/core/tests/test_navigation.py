"""The main navigation marks exactly one item as the current page."""

from reintegra.core.navigation import nav_for


def _current(path: str, roles: list[str]) -> list[str]:
    return [item["url"] for item in nav_for(roles, path) if item["active"]]


def test_the_longest_matching_item_is_the_current_one():
    assert _current("/staff/organisation/", ["org_admin"]) == ["/staff/organisation/"]
    assert _current("/staff/", ["org_admin"]) == ["/staff/"]
    assert _current("/staff/3/edit/", ["org_admin"]) == ["/staff/"]


def test_the_start_page_is_current_only_on_itself():
    assert _current("/", ["case_manager"]) == ["/"]
    assert _current("/nowhere/", ["case_manager"]) == []
