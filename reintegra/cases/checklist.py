"""The phase checklists: which records must exist before a phase counts as done.

The required item keys per phase are data on the case type (`CaseType.checklist`).
What each key means is code: apps register a check for the keys they own
(`register("consent_data_collection", fn, prefetch=["consents"])`). A check reads
only prefetched relations, so a list of cases computes every checklist without
extra queries. A key nobody registered counts as missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

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
    # Per key: the relations its check reads.
    key_prefetch: dict[str, list[str]] = field(default_factory=dict)
    key_select: dict[str, list[str]] = field(default_factory=dict)
    # Per key: its result as an SQL expression for a given day (lists compute it in their query).
    annotations: dict[str, Callable[[date], Any]] = field(default_factory=dict)

    # Derived from the above, computed once per registration (read for every case of a list).
    _stored: list[str] | None = None

    def stored_keys(self) -> list[str]:
        """Keys whose result is stored on the case (`Case.checklist_state`) instead of recomputed.

        A key is stored when its check reads a relation beyond those every case page loads
        anyway (`LIVE_RELATIONS`). Those relations (goals, measures, assessments, reviews, ...)
        do not depend on the date; keys that read only live relations (consents: they expire
        with time) or the case's own joined rows are computed on every read.
        """
        if self._stored is None:
            self._stored = sorted(key for key, paths in self.key_prefetch.items() if set(paths) - LIVE_RELATIONS)
        return self._stored

    def live_prefetch(self, *, for_list: bool = False) -> list[str]:
        """The live relations the checks read (the case page loads them anyway). `for_list`: only
        those of keys computed on every read that have no SQL form (`annotations_on`)."""
        keys = [k for k in self.checks if not (for_list and (k in self.annotations or k in self.stored_keys()))]
        paths = {path for key in keys for path in self.key_prefetch[key]}
        return sorted(path for path in paths if path.split("__")[0] in LIVE_RELATIONS and path != "phases")

    def annotations_on(self, day: date) -> dict[str, Any]:
        """The keys' SQL forms as `annotate()` arguments, named `ANNOTATED + key`."""
        return {ANNOTATED + key: expression(day) for key, expression in self.annotations.items()}

    def stored_prefetch(self) -> list[str]:
        return sorted({path for key in self.stored_keys() for path in self.key_prefetch[key]} - LIVE_RELATIONS)

    def stored_select(self) -> list[str]:
        return sorted({path for key in self.stored_keys() for path in self.key_select.get(key, [])})


# Relations read live: the case page and the case lists load them anyway.
LIVE_RELATIONS = {"consents", "phases"}
# The attribute (annotation) prefix of a key's result computed in a list query.
ANNOTATED = "checklist_live_"


REGISTRY = Registry()


def register(
    key: str,
    check: Callable[["Case"], bool],
    *,
    prefetch: list[str] | None = None,
    select: list[str] | None = None,
    annotate: Callable[[date], Any] | None = None,
) -> None:
    """`annotate(day)`: the same check as an SQL expression (e.g. `Exists(...)`), so that a list of
    cases computes it in its query instead of loading the relation for every case."""
    REGISTRY.checks[key] = check
    REGISTRY._stored = None
    if annotate is not None:
        REGISTRY.annotations[key] = annotate
    REGISTRY.prefetch.update(prefetch or [])
    REGISTRY.select.update(select or [])
    REGISTRY.key_prefetch[key] = list(prefetch or [])
    REGISTRY.key_select[key] = list(select or [])


def required_items(case: "Case", phase: str) -> list[str]:
    configured = case.case_type.checklist or {}
    return list(configured.get(phase, DEFAULT_CHECKLIST.get(phase, [])))


def _prefetched(case: "Case", key: str) -> bool:
    cache = getattr(case, "_prefetched_objects_cache", {})
    return all(path.split("__")[0] in cache for path in REGISTRY.key_prefetch.get(key, []))


def item_met(case: "Case", key: str, *, stored: bool = False) -> bool:
    """One item's result. With `stored` (read paths: the case page, the lists), when the
    relations are not loaded: from the case's stored state if it has the key, else from the list
    query's annotation if there is one. Computed otherwise — always so for services deciding on
    a change, which may have just changed the records."""
    check = REGISTRY.checks.get(key)
    if check is None:
        return False
    if stored and not _prefetched(case, key):
        state = case.checklist_state
        if state is not None and key in state:
            return bool(state[key])
        annotated = case.__dict__.get(ANNOTATED + key)  # computed by the list query
        if annotated is not None:
            return bool(annotated)
    return check(case)


def missing_items(case: "Case", phase: str, *, stored: bool = False) -> list[str]:
    return [key for key in required_items(case, phase) if not item_met(case, key, stored=stored)]


def checklist_state_compute(case: "Case") -> dict[str, bool]:
    """The stored keys' results, computed from the case's records (prefetch them first)."""
    return {key: bool(REGISTRY.checks[key](case)) for key in REGISTRY.stored_keys()}


def checklist_states_ensure(cases: list["Case"]) -> None:
    """Give every case a stored checklist state: compute the missing ones in one go (a fixed
    number of queries) and store each with a conditional UPDATE, so that a change committed
    in the meantime (which increments `checklist_rev`) is never overwritten by an older result."""
    from django.db import models
    from django.db.models import Q, prefetch_related_objects

    from reintegra.cases.models import Case

    keys = set(REGISTRY.stored_keys())
    stale = [case for case in cases if case.checklist_state is None or not keys <= set(case.checklist_state)]
    if not stale:
        return
    fresh = list(Case.objects.filter(pk__in=[case.pk for case in stale]).select_related(*REGISTRY.stored_select()))
    prefetch_related_objects(fresh, *REGISTRY.stored_prefetch())
    by_pk = {case.pk: case for case in fresh}
    states = {pk: (loaded.checklist_rev, checklist_state_compute(loaded)) for pk, loaded in by_pk.items()}
    if not states:
        return
    # One UPDATE for the whole page, each row only if its revision is still the one read.
    unchanged = Q(pk__in=[])
    for pk, (rev, _state) in states.items():
        unchanged |= Q(pk=pk, checklist_rev=rev)
    Case.objects.filter(unchanged).update(
        checklist_state=models.Case(
            *[
                models.When(pk=pk, then=models.Value(state, output_field=models.JSONField()))
                for pk, (_r, state) in states.items()
            ],
            output_field=models.JSONField(),
        )
    )
    for case in stale:
        if case.pk in states:
            case.checklist_state = states[case.pk][1]


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
