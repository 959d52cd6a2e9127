"""The phase checklists: which records must exist before a phase counts as done.

The required item keys per phase are data on the case type (`CaseType.checklist`).
What each key means is code: apps register a check for the keys they own
(`register("goal_complete", fn, prefetch=["goals"])`) from their own `checklist.py`,
called in their `AppConfig.ready()`. A key nobody registered counts as missing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    """What each checklist item key means. An item has one definition: either a Python `check`
    over the case's rows and relations, or (`annotate`) one SQL expression evaluated in the case's
    query. `Case.checklist_state` is not a third definition but the cache of the checks that read
    large relations (`stored_keys`), written by the write path (`case_touch`)."""

    checks: dict[str, Callable[["Case"], bool]] = field(default_factory=dict)
    select: set[str] = field(default_factory=set)
    # Per key: the relations its check reads.
    key_prefetch: dict[str, list[str]] = field(default_factory=dict)
    key_select: dict[str, list[str]] = field(default_factory=dict)
    # Per key: the item as an SQL expression for a given day (`OuterRef("pk")` is the case).
    annotations: dict[str, Callable[[date], Any]] = field(default_factory=dict)

    # Derived from the above, computed once per registration (read for every case of a list).
    _stored: list[str] | None = None

    def stored_keys(self) -> list[str]:
        """Keys whose result is stored on the case (`Case.checklist_state`) instead of recomputed
        on every read: those whose check reads a relation beyond the phases (goals, measures,
        assessments, reviews, ...). They do not depend on the date, only on records that change
        through services, which end in `case_touch` (it recomputes them). Keys that read only the
        case's own joined rows, and the SQL items (consents: they expire with the date), are
        computed on every read."""
        if self._stored is None:
            self._stored = sorted(key for key, paths in self.key_prefetch.items() if set(paths) - {"phases"})
        return self._stored

    def annotations_on(self, day: date) -> dict[str, Any]:
        """The SQL items as `annotate()` arguments, named `ANNOTATED + key`."""
        return {ANNOTATED + key: expression(day) for key, expression in self.annotations.items()}

    def stored_prefetch(self) -> list[str]:
        return sorted({path for key in self.stored_keys() for path in self.key_prefetch[key]})

    def stored_select(self) -> list[str]:
        return sorted({path for key in self.stored_keys() for path in self.key_select.get(key, [])})


# The attribute (annotation) prefix of an SQL item's result in a case query.
ANNOTATED = "checklist_live_"


REGISTRY = Registry()


def register(
    key: str,
    check: Callable[["Case"], bool] | None = None,
    *,
    prefetch: list[str] | None = None,
    select: list[str] | None = None,
    annotate: Callable[[date], Any] | None = None,
) -> None:
    """Define item `key` once: `check(case)` reading the joined rows `select` and the relations
    `prefetch`, or `annotate(day)`, the item as an SQL expression (e.g. `Exists(...)`) that every
    case read computes in its query. Called from the owning app's `checklist.py`."""
    if (check is None) == (annotate is None):
        raise ValueError(f"checklist item {key!r}: give either a check or an SQL expression")
    REGISTRY._stored = None
    if annotate is not None:
        REGISTRY.annotations[key] = annotate
        REGISTRY.checks.pop(key, None)
        return
    assert check is not None
    REGISTRY.checks[key] = check
    REGISTRY.select.update(select or [])
    REGISTRY.key_prefetch[key] = list(prefetch or [])
    REGISTRY.key_select[key] = list(select or [])


def required_items(case: "Case", phase: str) -> list[str]:
    configured = case.case_type.checklist or {}
    return list(configured.get(phase, DEFAULT_CHECKLIST.get(phase, [])))


def _prefetched(case: "Case", key: str) -> bool:
    cache = getattr(case, "_prefetched_objects_cache", {})
    return all(path.split("__")[0] in cache for path in REGISTRY.key_prefetch.get(key, []))


def _annotated(case: "Case", key: str) -> bool:
    """An SQL item's result: from the case query's annotation, else one query (a service deciding
    on a change loads the case without the annotations)."""
    name = ANNOTATED + key
    if name not in case.__dict__:
        expression = REGISTRY.annotations[key](timezone.localdate())
        case.__dict__[name] = (
            Case.objects.filter(pk=case.pk).annotate(**{name: expression}).values_list(name, flat=True).first()
        )
    return bool(case.__dict__[name])


def item_met(case: "Case", key: str, *, stored: bool = False) -> bool:
    """One item's result. With `stored` (read paths: the case page, the lists): a stored key from
    the case's stored state when its relations are not loaded. Computed otherwise — always so for
    services deciding on a change, which may have just changed the records."""
    if key in REGISTRY.annotations:
        return _annotated(case, key)
    check = REGISTRY.checks.get(key)
    if check is None:
        return False
    if stored and not _prefetched(case, key) and key in REGISTRY.stored_keys():
        state = case.checklist_state
        if state is not None and key in state:
            return bool(state[key])
    return check(case)


def missing_items(case: "Case", phase: str, *, stored: bool = False) -> list[str]:
    return [key for key in required_items(case, phase) if not item_met(case, key, stored=stored)]


def checklist_state_compute(case: "Case") -> dict[str, bool]:
    """The stored keys' results, computed from the case's records (prefetch them first)."""
    return {key: bool(REGISTRY.checks[key](case)) for key in REGISTRY.stored_keys()}


def checklist_states_load(case_ids: list[Any], *, lock: bool = False) -> dict[Any, dict[str, bool]]:
    """The stored keys' results of these cases, computed from their records in a fixed number of
    queries (the case rows, then one query per stored relation). `lock`: lock the case rows first
    (the write path), so that concurrent changes of one case's records are counted one after the
    other and the last state stored has seen them all."""
    queryset = Case.objects.filter(pk__in=case_ids).select_related(*REGISTRY.stored_select())
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    cases = list(queryset)
    prefetch_related_objects(cases, *REGISTRY.stored_prefetch())
    return {case.pk: checklist_state_compute(case) for case in cases}


def checklist_states_fill(cases: list["Case"]) -> None:
    """Read path, for cases without a stored state (data written before the write path stored
    it, or in bulk): compute it in memory for this read, without storing it (a read does not
    write; `manage.py checklist_refresh` stores it)."""
    keys = set(REGISTRY.stored_keys())
    stale = [case for case in cases if case.checklist_state is None or not keys <= set(case.checklist_state)]
    if not stale:
        return
    states = checklist_states_load([case.pk for case in stale])
    for case in stale:
        case.checklist_state = states.get(case.pk, {})


def checklist_states_refresh(*, case_ids: list[Any]) -> int:
    """Store the checklist state of these cases, computed from their records (after bulk writes
    that bypass the services: the benchmark's data generator, `manage.py checklist_refresh`)."""
    states = checklist_states_load(case_ids)
    if not states:
        return 0
    Case.objects.filter(pk__in=list(states)).update(
        checklist_state=models.Case(
            *[
                models.When(pk=pk, then=models.Value(state, output_field=models.JSONField()))
                for pk, state in states.items()
            ],
            output_field=models.JSONField(),
        ),
        checklist_rev=F("checklist_rev") + 1,
    )
    return len(states)


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


def register_items() -> None:
    """The cases app's own items (intake and evaluation); called from `CasesConfig.ready()`."""
    register("decision", _decision, select=["intake"])
    register("case_manager", lambda case: case.case_manager_id is not None)
    register("client_informed", _client_informed, select=["intake"])
    register("commissioning_party_disclosed", _commissioning_party_disclosed, select=["intake"])
    register("cooperation_agreed", _cooperation_agreed, select=["intake"])
    register("final_ratings", _final_ratings, select=["evaluation"], prefetch=["goals"])
    register("outcome", lambda case: bool(getattr(_evaluation(case), "outcome", "")), select=["evaluation"])
    register("summary", lambda case: bool(getattr(_evaluation(case), "summary", "")), select=["evaluation"])
    register(
        "aftercare_decision",
        lambda case: getattr(_evaluation(case), "aftercare_needed", None) is not None,
        select=["evaluation"],
    )
    register("satisfaction", lambda case: bool(getattr(_evaluation(case), "satisfaction", "")), select=["evaluation"])
