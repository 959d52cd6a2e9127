"""The plan as plain data: snapshots for agreed versions, and the field-level diff of two of them.

A snapshot is JSON-ready (dates ISO, amounts as decimal strings, ids as strings), so an agreed
version is frozen exactly as it was and any two versions (or a version and the current draft)
can be compared field by field.
"""

from typing import Any

from reintegra.plans.models import GAS_LEVELS, Goal, Measure

GOAL_FIELDS = ("title", "horizon", "priority", "due_date", "indicator", "weight", "status", "shared_with_participants")
# What a field reads as in snapshots taken before it existed (so an upgrade makes no plan a draft).
MISSING_MEANS = {"shared_with_participants": False}
MEASURE_FIELDS = (
    "title",
    "description",
    "goals",
    "responsible",
    "provider",
    "start_date",
    "due_date",
    "planned_cost",
    "actual_cost",
    "cost_bearer",
    "status",
    "resource_person",
    "resource_node_id",
    "steps",
)
PLAN_FIELDS = ("review_interval_weeks", "next_review_on")
# Book-keeping that changes while the plan is carried out, not what the client agreed to:
# these do not make the plan a draft again (the diff still shows them).
NOT_AGREED = {"actual_cost", "next_review_on"}


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _amount(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def goal_values(goal: Goal) -> dict[str, Any]:
    return {
        "id": str(goal.pk),
        "title": goal.title,
        "horizon": goal.horizon,
        "priority": goal.priority,
        "due_date": _date(goal.due_date),
        "indicator": goal.indicator or "",
        "weight": goal.weight,
        "levels": goal.levels,
        "status": goal.status,
        "shared_with_participants": goal.shared_with_participants,
    }


def measure_values(measure: Measure, *, responsible_label: str = "") -> dict[str, Any]:
    """Reads `goals` and `steps` through `.all()`: prefetch them for lists."""
    provider = measure.provider
    return {
        "id": str(measure.pk),
        "title": measure.title,
        "description": measure.description or "",
        "goals": sorted(str(goal.pk) for goal in measure.goals.all()),
        "responsible": measure.responsible_value,
        "responsible_label": responsible_label,
        "provider": str(provider.pk) if provider else None,
        "provider_name": provider.name if provider else "",
        "start_date": _date(measure.start_date),
        "due_date": _date(measure.due_date),
        "planned_cost": _amount(measure.planned_cost),
        "actual_cost": _amount(measure.actual_cost),
        "cost_bearer": measure.cost_bearer,
        "status": measure.status,
        "resource_person": measure.resource_person,
        "resource_node_id": measure.resource_node_id,
        "steps": [
            {"from_date": _date(step.from_date), "workload_percent": step.workload_percent}
            for step in sorted(measure.steps.all(), key=lambda s: s.from_date)
        ],
    }


def _flat(item: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The compared fields of one goal or measure; GAS levels compare one by one."""
    flat = {name: item.get(name, MISSING_MEANS.get(name)) for name in fields}
    if "levels" in item:
        for key in GAS_LEVELS:
            flat[f"levels.{key}"] = (item.get("levels") or {}).get(key, "")
    return flat


def _diff_items(old: list[dict[str, Any]], new: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[str, Any]:
    old_by_id = {item["id"]: item for item in old}
    new_by_id = {item["id"]: item for item in new}
    changed = []
    for item_id, item in new_by_id.items():
        before = old_by_id.get(item_id)
        if before is None:
            continue
        a, b = _flat(before, fields), _flat(item, fields)
        delta = {name: {"old": a[name], "new": b[name]} for name in b if a.get(name) != b[name]}
        if delta:
            changed.append({"id": item_id, "title": item["title"], "fields": delta})
    return {
        "added": [{"id": i, "title": new_by_id[i]["title"]} for i in new_by_id if i not in old_by_id],
        "removed": [{"id": i, "title": old_by_id[i]["title"]} for i in old_by_id if i not in new_by_id],
        "changed": changed,
    }


def plan_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from snapshot `old` to snapshot `new`: goals, measures and the schedule."""
    return {
        "goals": _diff_items(old.get("goals", []), new.get("goals", []), GOAL_FIELDS),
        "measures": _diff_items(old.get("measures", []), new.get("measures", []), MEASURE_FIELDS),
        "plan": {
            name: {"old": old.get(name), "new": new.get(name)} for name in PLAN_FIELDS if old.get(name) != new.get(name)
        },
    }


def is_empty(diff: dict[str, Any]) -> bool:
    return not diff["plan"] and not any(diff[kind][part] for kind in ("goals", "measures") for part in diff[kind])


def changed_since(agreed: dict[str, Any] | None, current: dict[str, Any]) -> dict[str, Any]:
    """Which goals and measures (ids) and schedule fields differ from the agreed snapshot.

    Without an agreement everything is new (the whole plan is a draft).
    """
    diff = plan_diff(agreed or {}, current)
    ids: set[str] = set()
    for kind in ("goals", "measures"):
        ids.update(item["id"] for item in diff[kind]["added"])
        for item in diff[kind]["changed"]:
            if set(item["fields"]) - NOT_AGREED:
                ids.add(item["id"])
    schedule = sorted(set(diff["plan"]) - NOT_AGREED)
    return {"ids": ids, "schedule": schedule, "any": bool(ids or schedule or agreed is None)}
