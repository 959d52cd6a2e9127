"""Helpers every case service shares: guards, events, access log."""

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.checklist import checklist_states_load
from reintegra.cases.models import PHASE_ORDER, Case, CaseEvent, CasePhase, PhaseStatus
from reintegra.cases.permissions import CASE_WORKER_ROLES, can_change_case
from reintegra.core.exceptions import Conflict, ConflictCode
from reintegra.core.permissions import require as require_permission

__all__ = ["CASE_WORKER_ROLES"]  # kept importable here for the other apps

CHANGE_REFUSED = "Only case managers and team leads may change cases."


def ensure_case_worker(actor: Any) -> None:
    """`require(can_change_case(actor))`, for the services of other apps that still call it
    (the cases app's own services ask the predicate)."""
    require_permission(can_change_case(actor), CHANGE_REFUSED)


def ensure_open(case: Case) -> None:
    if case.is_closed:
        raise Conflict(_("This case is closed. Reopen it to change it."), code=ConflictCode.CASE_CLOSED)


def ensure_admitted_or_intake(case: Case) -> None:
    intake = getattr(case, "intake", None)
    if intake is not None and intake.decision == "not_admitted":
        raise Conflict(
            _("This case was not admitted at intake: it can only be closed."), code=ConflictCode.CASE_NOT_ADMITTED
        )


# Explicit listeners (not signals): called with each committed timeline entry, e.g. the
# playbook's communication rules. Registered in AppConfig.ready().
EVENT_LISTENERS: list[Callable[[CaseEvent], object]] = []


def event_listener_register(listener: Callable[[CaseEvent], object]) -> None:
    if listener not in EVENT_LISTENERS:
        EVENT_LISTENERS.append(listener)


# Explicit steps (not signals) run at the end of `case_touch`, in the change's transaction, with
# the case locked: summary tables kept up to date on write (insights.CaseFigures). Registered
# in AppConfig.ready(); each is called with the case id.
CASE_TOUCH_STEPS: list[Callable[[Any], object]] = []


def case_touch_register(step: Callable[[Any], object]) -> None:
    if step not in CASE_TOUCH_STEPS:
        CASE_TOUCH_STEPS.append(step)


def event_record(
    *, case: Case, actor: Any, kind: str, summary: str, old: dict | None = None, new: dict | None = None
) -> CaseEvent:
    """Append a timeline entry and bring the case's derived state up to date (`case_touch`);
    listeners hear of the entry once the transaction commits. Every service that changes case
    data calls this last, after all its writes (bulk ones included).

    Values must not hold encrypted free text (say 'changed' instead).
    """
    event = CaseEvent.objects.create(
        case=case, at=timezone.now(), actor=actor, kind=kind, summary=summary[:300], old=old, new=new
    )
    case_touch(case=case, at=event.at)
    for listener in EVENT_LISTENERS:
        transaction.on_commit(partial(listener, event))
    return event


def case_touch(*, case: Case, at: datetime) -> None:
    """The last step of every change of case data, in the change's transaction: the case's
    `last_activity_at` (recent activity) and its stored checklist state, recomputed from the
    records the change has just written. No model signal does this: a write that bypasses the
    services (bulk loads) stores the state with `checklist_states_refresh`.

    The case row is locked while the state is computed, so two changes of one case's records
    are counted one after the other (PostgreSQL; SQLite's IMMEDIATE transactions serialise
    writers anyway) and the state stored last has seen both. Then the registered steps
    (`case_touch_register`) bring summary tables up to date from the same records."""
    state = checklist_states_load([case.pk], lock=True).get(case.pk, {})
    phases = current_phases_load([case.pk]).get(case.pk, "")
    Case.objects.filter(pk=case.pk).update(
        last_activity_at=at, checklist_state=state, checklist_rev=F("checklist_rev") + 1, current_phases=phases
    )
    case.last_activity_at, case.checklist_state, case.current_phases = at, state, phases
    for step in CASE_TOUCH_STEPS:
        step(case.pk)


def current_phases_value(keys: list[str]) -> str:
    """`Case.current_phases` for these phase keys in progress: in cycle order, each between bars."""
    ordered = [key for key in PHASE_ORDER if key in set(keys)]
    return f"|{'|'.join(ordered)}|" if ordered else ""


def current_phases_load(case_ids: list[Any]) -> dict[Any, str]:
    """{case id: `current_phases`} computed from the cases' `CasePhase` rows (one query)."""
    keys: dict[Any, list[str]] = {pk: [] for pk in case_ids}
    rows = CasePhase.objects.filter(case_id__in=case_ids, status=PhaseStatus.IN_PROGRESS).values_list("case_id", "key")
    for case_id, key in rows:
        keys.setdefault(case_id, []).append(key)
    return {pk: current_phases_value(found) for pk, found in keys.items()}


def current_phases_refresh(*, case_ids: list[Any]) -> int:
    """Store `current_phases` of these cases (after bulk writes that bypass the services: the
    benchmark's data generator); one UPDATE per distinct value."""
    by_value: dict[str, list[Any]] = {}
    for pk, value in current_phases_load(case_ids).items():
        by_value.setdefault(value, []).append(pk)
    for value, ids in by_value.items():
        Case.objects.filter(pk__in=ids).update(current_phases=value)
    return len(case_ids)


def log_change(*, actor: Any, case: Case, object_type: str, object_id: Any = "", request: Any = None) -> None:
    access_log_write(
        user=actor,
        action=AccessAction.CHANGE,
        object_type=object_type,
        object_id=object_id or case.pk,
        case_id=case.pk,
        request=request,
    )


def phase_touch(*, case: Case, key: str) -> None:
    """A phase becomes `in_progress` when its first record is saved (if it was not started)."""
    CasePhase.objects.filter(case=case, key=key, status=PhaseStatus.NOT_STARTED).update(status=PhaseStatus.IN_PROGRESS)


def require(data: dict[str, Any], *names: str) -> None:
    errors = {name: ["This field is required."] for name in names if data.get(name) in (None, "")}
    if errors:
        raise ValidationError(errors)
