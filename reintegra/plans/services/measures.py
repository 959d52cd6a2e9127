"""Measures (Massnahmen): create and change, with goals, owner, provider, costs and graded-return steps."""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NotRequired, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case, Participant
from reintegra.cases.services.common import event_record, log_change, phase_touch
from reintegra.core.exceptions import InvalidInput
from reintegra.core.services import check_version, save_with_version
from reintegra.network.models import Provider
from reintegra.plans.models import ChangeAction, Goal, Measure, MeasureStep, ResponsibleKind
from reintegra.plans.selectors.plan import responsible_label
from reintegra.plans.services.common import (
    change_record,
    event_values,
    last_agreed_number,
    plan_change_allowed,
    reason_required,
)
from reintegra.plans.services.due import due_reminders_sync
from reintegra.plans.snapshot import measure_values


class StepInput(TypedDict):
    """One step of a graded return to work: from this date, this workload."""

    from_date: date
    workload_percent: int


# Ids may come as UUIDs (forms) or as text (JSON); `resolve_*` check that they belong to the case.
Ref = uuid.UUID | str
# Amounts may come as Decimals (forms) or as text/numbers (JSON); `_amount` checks them once.
Amount = Decimal | str | int | float | None


class MeasureInput(TypedDict):
    """A new measure as the create service takes it (`measure_create(**payload)`)."""

    title: str
    goals: Sequence[Ref]
    responsible: str
    due_date: date
    provider: NotRequired[Ref | None]
    start_date: NotRequired[date | None]
    planned_cost: NotRequired[Amount]
    actual_cost: NotRequired[Amount]
    cost_bearer: NotRequired[str]
    status: NotRequired[str]
    description: NotRequired[str]
    resource_person: NotRequired[str]
    resource_node_id: NotRequired[str]
    steps: NotRequired[Sequence[StepInput] | None]


class MeasureChanges(TypedDict, total=False):
    """What a measure update changes (PATCH: absent keys stay; `provider: None` removes it)."""

    title: str
    description: str
    start_date: date | None
    due_date: date | None
    planned_cost: Amount
    actual_cost: Amount
    cost_bearer: str
    status: str
    resource_person: str
    resource_node_id: str
    responsible: str
    provider: Ref | None
    goals: Sequence[Ref]
    steps: Sequence[StepInput]


SIMPLE_FIELDS = (
    "title",
    "description",
    "start_date",
    "due_date",
    "planned_cost",
    "actual_cost",
    "cost_bearer",
    "status",
    "resource_person",
    "resource_node_id",
)
ENCRYPTED = {"description"}
RESPONSIBLE_MESSAGE = "Choose case_manager, client or a participant of this case."


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def resolve_goals(case: Case, goal_ids: Any) -> list[Goal]:
    """The goals a measure serves: at least one, all of this case."""
    if not isinstance(goal_ids, list | tuple) or not goal_ids:
        raise ValidationError({"goals": [_("Choose at least one goal this measure serves.")]})
    ids = {_uuid(value) for value in goal_ids}
    if None in ids:
        raise ValidationError({"goals": [_("Send goal ids (UUIDs) of this case.")]})
    goals = list(Goal.objects.filter(case=case, pk__in=ids).only("id", "title"))
    if len(goals) != len(ids):
        raise ValidationError({"goals": [_("Choose goals of this case only.")]})
    return goals


def resolve_responsible(case: Case, value: Any) -> tuple[str, Participant | None]:
    if value in (ResponsibleKind.CASE_MANAGER, ResponsibleKind.CLIENT):
        return str(value), None
    participant_id = _uuid(value)
    participant = Participant.objects.filter(case=case, pk=participant_id).first() if participant_id else None
    if participant is None:
        raise ValidationError({"responsible": [RESPONSIBLE_MESSAGE]})
    return ResponsibleKind.PARTICIPANT, participant


def resolve_provider(case: Case, value: Any) -> Provider | None:
    """A provider of the case's organisation's directory (active when newly chosen), or none."""
    if value in (None, ""):
        return None
    provider_id = _uuid(value)
    provider = (
        Provider.objects.filter(organisation_id=case.organisation_id, pk=provider_id).first() if provider_id else None
    )
    if provider is None:
        raise ValidationError({"provider": [_("Choose a provider from your organisation's directory.")]})
    return provider


def _amount(name: str, value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({name: [_("Enter an amount such as 1200.00.")]}) from exc
    if not amount.is_finite() or amount < 0:
        raise ValidationError({name: [_("Enter an amount of 0 or more, such as 1200.00.")]})
    if amount != amount.quantize(Decimal("0.01")) or amount >= Decimal("100000000"):
        raise ValidationError({name: [_("Enter an amount below 100,000,000 with at most two decimal places.")]})
    return amount.quantize(Decimal("0.01"))


def clean_steps(steps: Any, *, start: date | None, due: date | None) -> list[StepInput]:
    """Graded return to work: dates strictly ascending, workload 1–100 %, within start and due date."""
    if steps in (None, ""):
        return []
    if not isinstance(steps, list | tuple):
        raise ValidationError({"steps": [_("Send a list of {from_date, workload_percent}.")]})
    errors: dict[str, Any] = {}
    cleaned: list[StepInput] = []
    for index, step in enumerate(steps):
        item_errors: dict[str, list[str]] = {}
        from_date = step.get("from_date") if isinstance(step, dict) else None
        percent = step.get("workload_percent") if isinstance(step, dict) else None
        if not isinstance(from_date, date):
            item_errors["from_date"] = [_("Enter the date this step starts, for example 3.11.2026.")]
        if isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= 100:
            item_errors["workload_percent"] = [_("Enter the workload in percent, from 1 to 100.")]
        if item_errors or not isinstance(from_date, date) or not isinstance(percent, int):
            errors[str(index)] = item_errors
            continue
        cleaned.append(StepInput(from_date=from_date, workload_percent=percent))
    if errors:
        raise InvalidInput({"steps": errors})
    dates = [step["from_date"] for step in cleaned]
    if any(later <= earlier for earlier, later in zip(dates, dates[1:], strict=False)):
        raise ValidationError({"steps": [_("List the steps in ascending date order, each on a later date.")]})
    if cleaned and start and dates[0] < start:
        raise ValidationError({"steps": [_("The first step cannot start before the measure starts.")]})
    if cleaned and due and dates[-1] > due:
        raise ValidationError({"steps": [_("The last step must start on or before the due date.")]})
    return cleaned


class _Errors:
    """Collects the field errors of several checks, so one answer names every bad field."""

    def __init__(self) -> None:
        self.errors: dict[str, Any] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def attempt(self, check: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field not in self.errors:  # the first problem of a field is the one to fix
                    self.errors[field] = messages
        except InvalidInput as exc:
            self.errors.update(exc.errors)
        return None

    def raise_any(self) -> None:
        if not self.errors:
            return
        if any(isinstance(value, dict) for value in self.errors.values()):
            raise InvalidInput(self.errors)
        raise ValidationError(self.errors)


def _validate(measure: Measure) -> None:
    if measure.start_date and measure.due_date and measure.due_date < measure.start_date:
        raise ValidationError({"due_date": [_("The due date must be on or after the start.")]})
    measure.full_clean(exclude=["case", "goals"])


def _values(case: Case, measure: Measure) -> dict[str, Any]:
    return measure_values(measure, responsible_label=responsible_label(case, measure))


def _record(
    case: Case, actor: User, measure: Measure, *, old: dict | None, new: dict, reason: str, agreed: int
) -> None:
    new = {k: v for k, v in new.items() if k not in ("responsible_label", "provider_name")}
    old = {k: v for k, v in old.items() if k not in ("responsible_label", "provider_name")} if old else None
    action = ChangeAction.CHANGED if old is not None else ChangeAction.CREATED
    change = change_record(
        case=case,
        actor=actor,
        object_type="measure",
        object_id=measure.pk,
        title=measure.title,
        action=action,
        old=old or {},
        new=new,
        reason=reason,
        after_plan_version=agreed,
    )
    old_event, new_event = event_values(old, new, change.fields, ENCRYPTED)
    if action == ChangeAction.CREATED:
        kind, summary = "measure_created", f"Measure added: {measure.title}"
    else:
        kind, summary = "measure_changed", f"Measure changed: {measure.title} ({', '.join(change.fields)})"
    new_event["measure"] = measure.title  # plain, names the record for the timeline text
    if reason:
        new_event["change_reason"] = "given"
    event_record(case=case, actor=actor, kind=kind, summary=summary, old=old_event, new=new_event)
    log_change(actor=actor, case=case, object_type="measure", object_id=measure.pk)


def _forget_prefetched(measure: Measure) -> None:
    """Goals and steps were replaced: read them again instead of the prefetched lists."""
    cache = getattr(measure, "_prefetched_objects_cache", {})
    cache.pop("goals", None)
    cache.pop("steps", None)


def _set_steps(measure: Measure, steps: list[StepInput]) -> None:
    measure.steps.all().delete()
    MeasureStep.objects.bulk_create(MeasureStep(measure=measure, **step) for step in steps)


@transaction.atomic
def measure_create(
    *,
    actor: User,
    case: Case,
    title: str,
    goals: Sequence[Ref],
    responsible: str,
    due_date: date,
    provider: Ref | None = None,
    start_date: date | None = None,
    planned_cost: Amount = None,
    actual_cost: Amount = None,
    cost_bearer: str = "",
    status: str = "planned",
    description: str = "",
    resource_person: str = "",
    resource_node_id: str = "",
    steps: Sequence[StepInput] | None = None,
    change_reason: str = "",
) -> Measure:
    """A new measure serving goals of this case. `goals` are goal ids, `responsible` is
    "case_manager", "client" or a participant id, `provider` a provider id (all checked here)."""
    plan_change_allowed(actor, case)
    errors = _Errors()
    kind, participant = errors.attempt(resolve_responsible, case, responsible) or (ResponsibleKind.CLIENT, None)
    provider_obj = errors.attempt(resolve_provider, case, provider)
    if provider_obj is not None and not provider_obj.active:
        errors.add("provider", "This provider is inactive: choose an active one.")
    measure = Measure(
        case=case,
        title=(title or "").strip(),
        description=(description or "").strip(),
        responsible_kind=kind,
        responsible_participant=participant,
        provider=provider_obj,
        start_date=start_date,
        due_date=due_date,
        planned_cost=errors.attempt(_amount, "planned_cost", planned_cost),
        actual_cost=errors.attempt(_amount, "actual_cost", actual_cost),
        cost_bearer=cost_bearer or "",
        status=status or "planned",
        resource_person=(resource_person or "").strip(),
        resource_node_id=(resource_node_id or "").strip(),
    )
    goal_objects = errors.attempt(resolve_goals, case, goals) or []
    cleaned_steps = errors.attempt(clean_steps, steps, start=start_date, due=due_date) or []
    errors.attempt(_validate, measure)
    errors.raise_any()
    measure.save()
    measure.goals.set(goal_objects)
    _set_steps(measure, cleaned_steps)
    phase_touch(case=case, key="planning")
    _record(
        case,
        actor,
        measure,
        old=None,
        new=_values(case, measure),
        reason=(change_reason or "").strip(),
        agreed=last_agreed_number(case),
    )
    due_reminders_sync(case=case)
    return measure


@transaction.atomic
def measure_update(
    *, actor: User, measure: Measure, version: int, changes: MeasureChanges, change_reason: str | None = None
) -> Measure:
    """Change a measure (PATCH). Same ids as `measure_create`; `steps` replaces all steps,
    `provider: None` removes the provider. Stale version → Conflict; reason needed after agreement."""
    case = measure.case
    plan_change_allowed(actor, case)
    check_version(measure, version)
    agreed, reason = reason_required(case, change_reason)
    before = _values(case, measure)
    for name in SIMPLE_FIELDS:
        if name not in changes:
            continue
        value = changes[name]  # type: ignore[literal-required]
        if name in ("planned_cost", "actual_cost"):
            value = _amount(name, value)
        elif isinstance(value, str):
            value = value.strip()
        elif value is None and name not in ("start_date", "due_date"):
            value = ""
        setattr(measure, name, value)
    if "responsible" in changes:
        measure.responsible_kind, measure.responsible_participant = resolve_responsible(case, changes["responsible"])
    if "provider" in changes:
        provider = resolve_provider(case, changes["provider"])
        if provider is not None and provider.pk != measure.provider_id and not provider.active:
            raise ValidationError({"provider": [_("This provider is inactive: choose an active one.")]})
        measure.provider = provider
    goal_objects = resolve_goals(case, changes["goals"]) if "goals" in changes else None
    new_steps = None
    if "steps" in changes:
        new_steps = clean_steps(changes["steps"], start=measure.start_date, due=measure.due_date)
    elif "start_date" in changes or "due_date" in changes:  # the existing steps must still fit the dates
        current = [StepInput(from_date=s.from_date, workload_percent=s.workload_percent) for s in measure.steps.all()]
        clean_steps(current, start=measure.start_date, due=measure.due_date)
    _validate(measure)
    if goal_objects is not None:
        measure.goals.set(goal_objects)
    if new_steps is not None:
        _set_steps(measure, new_steps)
    _forget_prefetched(measure)
    after = _values(case, measure)
    labels = ("responsible_label", "provider_name")
    changed = [name for name in after if name not in labels and before[name] != after[name]]
    if not changed:
        return measure
    update_fields = [
        {"responsible": "responsible_kind", "provider": "provider"}.get(name, name)
        for name in changed
        if name not in ("goals", "steps")
    ]
    if "responsible" in changed:
        update_fields.append("responsible_participant")
    save_with_version(measure, update_fields=update_fields, expected_version=version)
    _record(case, actor, measure, old=before, new=after, reason=reason, agreed=agreed)
    due_reminders_sync(case=case)
    return measure
