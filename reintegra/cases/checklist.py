"""The phase checklists: which records must exist before a phase counts as done.

The required item keys per phase are data on the case type (`CaseType.checklist`).
What each key means is code: apps register a check for the keys they own
(`register("consent_data_collection", fn, prefetch=["consents"])`). A check reads
only prefetched relations, so a list of cases computes every checklist without
extra queries. A key nobody registered counts as missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from reintegra.cases.models import Case

DEFAULT_CHECKLIST: dict[str, list[str]] = {
    "intake": [
        "decision",
        "case_manager",
        "client_informed",
        "consent_data_collection",
        "commissioning_party_disclosed",
        "cooperation_agreed",
    ],
    "assessment": ["assessment_both_perspectives", "resources_and_problems"],
    "planning": ["goal_complete", "measure_with_owner", "plan_agreed"],
    "monitoring": ["review"],
    "evaluation": ["final_ratings", "outcome", "summary", "aftercare_decision", "satisfaction"],
}


LABELS = {
    "decision": _("Admission decision with reason"),
    "case_manager": _("Responsible case manager"),
    "client_informed": _("Client informed"),
    "consent_data_collection": _("Consent to data collection"),
    "commissioning_party_disclosed": _("Commissioning party disclosed"),
    "cooperation_agreed": _("Cooperation agreed"),
    "assessment_both_perspectives": _("Assessment rated from both perspectives"),
    "resources_and_problems": _("Resources and problems named"),
    "goal_complete": _("A complete goal (indicator, priority, due date, GAS levels)"),
    "measure_with_owner": _("A measure with owner and date"),
    "plan_agreed": _("Plan agreed with the client"),
    "review": _("A review rating every active goal"),
    "final_ratings": _("Final rating per goal"),
    "outcome": _("Outcome"),
    "summary": _("Summary"),
    "aftercare_decision": _("Aftercare decision"),
    "satisfaction": _("Satisfaction asked (or declined)"),
}


def item_label(key: str) -> str:
    return str(LABELS.get(key, key))


@dataclass
class Registry:
    checks: dict[str, Callable[["Case"], bool]] = field(default_factory=dict)
    prefetch: set[str] = field(default_factory=set)
    select: set[str] = field(default_factory=set)


REGISTRY = Registry()


def register(
    key: str,
    check: Callable[["Case"], bool],
    *,
    prefetch: list[str] | None = None,
    select: list[str] | None = None,
) -> None:
    REGISTRY.checks[key] = check
    REGISTRY.prefetch.update(prefetch or [])
    REGISTRY.select.update(select or [])


def required_items(case: "Case", phase: str) -> list[str]:
    configured = case.case_type.checklist or {}
    return list(configured.get(phase, DEFAULT_CHECKLIST.get(phase, [])))


def missing_items(case: "Case", phase: str) -> list[str]:
    missing = []
    for key in required_items(case, phase):
        check = REGISTRY.checks.get(key)
        if check is None or not check(case):
            missing.append(key)
    return missing


def all_item_keys() -> list[str]:
    keys = {key for items in DEFAULT_CHECKLIST.values() for key in items}
    return sorted(keys | set(REGISTRY.checks))


def _intake(case: "Case"):  # type: ignore[no-untyped-def]
    try:
        return case.intake
    except Exception:  # RelatedObjectDoesNotExist: no intake written yet
        return None


def _decision(case: "Case") -> bool:
    intake = _intake(case)
    return bool(intake and intake.decision and intake.decision_reason)


def _client_informed(case: "Case") -> bool:
    intake = _intake(case)
    return bool(intake and intake.client_informed)


def _commissioning_party_disclosed(case: "Case") -> bool:
    if not case.commissioning_party_name:
        return True
    intake = _intake(case)
    return bool(intake and intake.commissioning_party_disclosed)


def _cooperation_agreed(case: "Case") -> bool:
    intake = _intake(case)
    return bool(intake and intake.cooperation_agreed)


register("decision", _decision, select=["intake"])
register("case_manager", lambda case: case.case_manager_id is not None)
register("client_informed", _client_informed, select=["intake"])
register("commissioning_party_disclosed", _commissioning_party_disclosed, select=["intake"])
register("cooperation_agreed", _cooperation_agreed, select=["intake"])


def _evaluation(case: "Case"):  # type: ignore[no-untyped-def]
    try:
        return case.evaluation
    except Exception:  # RelatedObjectDoesNotExist: no evaluation yet
        return None


def _final_ratings(case: "Case") -> bool:
    evaluation = _evaluation(case)
    if evaluation is None:
        return False
    rated = {item["goal"] for item in evaluation.final_ratings}
    goals = [str(goal.pk) for goal in case.goals.all() if goal.status != "cancelled"]  # type: ignore[attr-defined]
    return bool(goals) and all(goal in rated for goal in goals)


register("final_ratings", _final_ratings, select=["evaluation"], prefetch=["goals"])
register("outcome", lambda case: bool(getattr(_evaluation(case), "outcome", "")), select=["evaluation"])
register("summary", lambda case: bool(getattr(_evaluation(case), "summary", "")), select=["evaluation"])
register(
    "aftercare_decision",
    lambda case: getattr(_evaluation(case), "aftercare_needed", None) is not None,
    select=["evaluation"],
)
register("satisfaction", lambda case: bool(getattr(_evaluation(case), "satisfaction", "")), select=["evaluation"])
