"""Links from the case page to the pages other apps add for a case (assessment, plan, …).

An app lists its pages in CASE_PART_LINKS below by URL name; an entry whose URL is not
installed (an app left out of INSTALLED_APPS) is left out, as in the navigation.
"""

from typing import Any

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from reintegra.core.reversing import url_for

CASE_PART_LINKS = [
    (_("Assessments"), "assessments:list"),
    (_("Network map"), "assessments:network"),
    (_("Questionnaires"), "questionnaires:case_responses"),
    (_("Goals & measures"), "plans:plan"),
    (_("Reviews and GAS progress"), "plans:reviews"),
    (_("Referrals"), "network:case_referrals"),
    (_("Monitoring"), "monitoring:case"),
    (_("Evaluation"), "cases:evaluation"),
    (_("Client portal"), "portal:invite"),
    (_("Documents"), "introduce:case_documents"),
]


def case_part_links(case: Any) -> list[dict[str, Any]]:
    links = []
    for label, url_name in CASE_PART_LINKS:
        try:
            links.append({"label": label, "url": url_for(url_name, case_id=case.pk)})
        except NoReverseMatch:
            continue
    return links


# Where each checklist item is recorded (URL names taking case_id); an item whose page is not installed stays plain.
CHECKLIST_LINKS = {
    "decision": "cases:intake",
    "client_informed": "cases:intake",
    "commissioning_party_disclosed": "cases:intake",
    "cooperation_agreed": "cases:intake",
    "consent_data_collection": "consents:new",
    "assessment_both_perspectives": "assessments:new",
    "resources_and_problems": "assessments:new",
    "goal_complete": "plans:plan",
    "measure_with_owner": "plans:plan",
    "plan_agreed": "plans:plan",
    "review": "plans:reviews",
    "final_ratings": "cases:evaluation",
    "outcome": "cases:evaluation",
    "summary": "cases:evaluation",
    "aftercare_decision": "cases:evaluation",
    "satisfaction": "cases:evaluation",
}


def checklist_link(case: Any, key: str) -> str | None:
    url_name = CHECKLIST_LINKS.get(key)
    if url_name is None:
        return None
    try:
        return url_for(url_name, case_id=case.pk)
    except NoReverseMatch:
        return None
