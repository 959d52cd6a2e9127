"""Goals: create and change, each save kept as history and written to the timeline."""

from datetime import date
from typing import Any, NotRequired, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.plausibility import due_date_error
from reintegra.cases.services.common import event_record, log_change, phase_touch
from reintegra.core.exceptions import InvalidInput
from reintegra.core.services import check_version, save_with_version
from reintegra.plans.models import GAS_LEVELS, LEVEL_FIELDS, ChangeAction, Goal
from reintegra.plans.services.common import (
    change_record,
    event_values,
    last_agreed_number,
    plan_change_allowed,
    reason_required,
)
from reintegra.plans.snapshot import goal_values

# The five GAS level descriptions keyed "-2" … "2" (validated only by `clean_levels`).
GasLevels = dict[str, str]


class GoalInput(TypedDict):
    """A new goal as the create service takes it (`goal_create(**payload)`)."""

    title: str
    horizon: str
    priority: int
    due_date: date
    indicator: str
    levels: GasLevels
    weight: NotRequired[int]
    shared_with_participants: NotRequired[bool]


class GoalChanges(TypedDict, total=False):
    """What a goal update changes (PATCH: absent keys stay as they are)."""

    title: str
    horizon: str
    priority: int
    due_date: date
    indicator: str
    weight: int
    status: str
    levels: GasLevels
    shared_with_participants: bool


GOAL_EDITABLE = (
    "title",
    "horizon",
    "priority",
    "due_date",
    "indicator",
    "weight",
    "status",
    "shared_with_participants",
)
ENCRYPTED = {"indicator", "levels"}
LEVEL_MESSAGE = gettext_lazy("Describe level %(level)s: what the client's situation looks like at this level.")


def clean_levels(levels: Any) -> dict[str, str]:
    """All five GAS levels, each described (nested errors name the missing level)."""
    if not isinstance(levels, dict):
        raise InvalidInput({"levels": {"non_field_errors": [_('Send all five levels: {"-2", "-1", "0", "1", "2"}.')]}})
    errors: dict[str, list[str]] = {}
    unknown = sorted(str(key) for key in levels if str(key) not in GAS_LEVELS)
    if unknown:
        errors["non_field_errors"] = [
            _("Unknown level(s) %(levels)s: use -2, -1, 0, 1 and 2.") % {"levels": ", ".join(unknown)}
        ]
    cleaned = {}
    for key in GAS_LEVELS:
        value = levels.get(key)
        if not isinstance(value, str) or not value.strip():
            errors[key] = [str(LEVEL_MESSAGE) % {"level": key}]
        else:
            cleaned[key] = value.strip()
    if errors:
        raise InvalidInput({"levels": errors})
    return cleaned


def _full_clean(goal: Goal) -> None:
    """Model validation with the level fields reported as the API names them (`levels` → `-2` …)."""
    try:
        goal.full_clean(exclude=["case"])
    except ValidationError as exc:
        by_field = {field: key for key, field in LEVEL_FIELDS.items()}
        errors: dict[str, Any] = {}
        for name, messages in exc.message_dict.items():
            if name in by_field:
                errors.setdefault("levels", {})[by_field[name]] = messages
            else:
                errors["non_field_errors" if name == "__all__" else name] = messages
        raise InvalidInput(errors) from exc


def _check_due_date(goal: Goal, case: Case) -> None:
    """A goal is not due before the case was opened (cases.plausibility)."""
    message = due_date_error(goal.due_date if isinstance(goal.due_date, date) else None, opened_on=case.opened_on)
    if message:
        raise InvalidInput({"due_date": [message]})


def _apply_levels(goal: Goal, levels: dict[str, str]) -> None:
    for key, field in LEVEL_FIELDS.items():
        setattr(goal, field, levels[key])


def _record(
    case: Case, actor: User, goal: Goal, *, action: str, old: dict, new: dict, reason: str, agreed: int
) -> None:
    change = change_record(
        case=case,
        actor=actor,
        object_type="goal",
        object_id=goal.pk,
        title=goal.title,
        action=action,
        old=old,
        new=new,
        reason=reason,
        after_plan_version=agreed,
    )
    old_event, new_event = event_values(old if action == ChangeAction.CHANGED else None, new, change.fields, ENCRYPTED)
    if action == ChangeAction.CREATED:
        summary, kind = f"Goal added: {goal.title}", "goal_created"
    else:
        summary, kind = f"Goal changed: {goal.title} ({', '.join(change.fields)})", "goal_changed"
    new_event["goal"] = goal.title  # plain, names the record for the timeline text
    if reason:
        new_event["change_reason"] = "given"
    event_record(case=case, actor=actor, kind=kind, summary=summary, old=old_event, new=new_event)
    log_change(actor=actor, case=case, object_type="goal", object_id=goal.pk)


@transaction.atomic
def goal_create(
    *,
    actor: User,
    case: Case,
    title: str,
    horizon: str,
    priority: int,
    due_date: date,
    indicator: str,
    levels: GasLevels,
    weight: int = 1,
    shared_with_participants: bool = False,
    change_reason: str = "",
) -> Goal:
    """A new goal; the first record of the planning phase puts it in progress."""
    plan_change_allowed(actor, case)
    cleaned_levels = clean_levels(levels)
    goal = Goal(
        case=case,
        title=(title or "").strip(),
        horizon=horizon,
        priority=priority,
        due_date=due_date,
        indicator=(indicator or "").strip(),
        weight=weight,
        shared_with_participants=bool(shared_with_participants),
    )
    _apply_levels(goal, cleaned_levels)
    _full_clean(goal)
    _check_due_date(goal, case)
    goal.save()
    phase_touch(case=case, key="planning")
    _record(
        case,
        actor,
        goal,
        action=ChangeAction.CREATED,
        old={},
        new=goal_values(goal),
        reason=(change_reason or "").strip(),
        agreed=last_agreed_number(case),
    )
    return goal


@transaction.atomic
def goal_update(
    *, actor: User, goal: Goal, version: int, changes: GoalChanges, change_reason: str | None = None
) -> Goal:
    """Change a goal (PATCH: `changes` holds what changes). Stale `version` → Conflict; after an
    agreement a `change_reason` is required. A save that changes nothing writes nothing."""
    case = goal.case
    plan_change_allowed(actor, case)
    check_version(goal, version)
    agreed, reason = reason_required(case, change_reason)
    before = goal_values(goal)
    for name in GOAL_EDITABLE:
        if name in changes:
            value = changes[name]  # type: ignore[literal-required]
            setattr(goal, name, value.strip() if isinstance(value, str) else value)
    if "levels" in changes:
        _apply_levels(goal, clean_levels(changes["levels"]))
    _full_clean(goal)
    if "due_date" in changes:
        _check_due_date(goal, case)
    after = goal_values(goal)
    changed = [name for name in after if before[name] != after[name]]
    if not changed:
        return goal
    update_fields = [name for name in changed if name != "levels"]
    if "levels" in changed:
        update_fields += list(LEVEL_FIELDS.values())
    save_with_version(goal, update_fields=update_fields, expected_version=version)
    _record(case, actor, goal, action=ChangeAction.CHANGED, old=before, new=after, reason=reason, agreed=agreed)
    return goal
