"""The staff navigation. Entries whose page does not exist yet are left out."""

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.core.reversing import url_for


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in person


STAFF = frozenset({"case_manager", "team_lead", "org_admin", "data_protection"})

NAV_ITEMS = [
    NavItem(_("Start"), "core:home", STAFF),
    NavItem(_("My portal"), "portal:home", frozenset({"client"})),
    NavItem(_("Employer portal"), "portal:employer", frozenset({"employer_contact"})),
    NavItem(_("Cases"), "cases:list", frozenset({"case_manager", "team_lead"})),
    NavItem(_("Monitoring"), "monitoring:index", frozenset({"case_manager", "team_lead"})),
    NavItem(_("Inquiries"), "inquiries:inbox", frozenset({"case_manager", "team_lead"})),
    NavItem(_("Inbox"), "notifications:inbox", STAFF),
    NavItem(_("Calendar"), "monitoring:calendar", STAFF),
    NavItem(_("Screening"), "screening:list", frozenset({"case_manager", "team_lead", "org_admin"})),
    NavItem(_("Providers"), "network:provider_list", frozenset({"case_manager", "team_lead", "org_admin"})),
    NavItem(_("Questionnaires"), "questionnaires:list", frozenset({"case_manager", "team_lead", "org_admin"})),
    NavItem(_("Insights"), "insights:index", frozenset({"team_lead", "org_admin"})),
    NavItem(_("Introducing CM"), "introduce:index", frozenset({"case_manager", "team_lead", "org_admin"})),
    NavItem(_("Access log"), "audit:log", frozenset({"data_protection"})),
    NavItem(_("Data protection"), "retention:index", frozenset({"data_protection"})),
    NavItem(_("Personal records"), "records:search", frozenset({"data_protection"})),
    NavItem(_("Case types"), "cases:case_types", frozenset({"org_admin"})),
    NavItem(_("Staff"), "staff:list", frozenset({"org_admin", "team_lead"})),
    NavItem(_("Organisation"), "staff:organisation", frozenset({"org_admin"})),
]


def nav_for(roles: list[str], current_path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for item in NAV_ITEMS:
        if item.roles is not None and not item.roles.intersection(roles):
            continue
        try:
            url = url_for(item.url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    # One item is the current page: the longest match (/staff/organisation/ is not also /staff/).
    current = max((entry for entry in items if entry["active"]), key=lambda entry: len(entry["url"]), default=None)
    for entry in items:
        entry["active"] = entry is current
    return items
