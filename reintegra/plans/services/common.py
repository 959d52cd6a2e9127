"""Guards and history writers every plan service shares."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.services.common import ensure_admitted_or_intake, ensure_open
from reintegra.core.permissions import require
from reintegra.plans.models import ChangeAction, Plan, PlanChange
from reintegra.plans.permissions import can_change_plan

REASON_MAX = 5000


def plan_change_allowed(actor: User, case: Case) -> None:
    """The checks every plan change starts with: the permission (`can_change_plan`, 403), then
    the case's state — open (409) and not refused at intake (409)."""
    require(can_change_plan(actor), _("Only case managers and team leads may change cases."))
    ensure_open(case)
    ensure_admitted_or_intake(case)


def last_agreed_number(case: Case) -> int:
    """The number of the last agreed version, 0 before the first agreement."""
    number = Plan.objects.filter(case=case).values_list("last_version_number", flat=True).first()
    return int(number or 0)


def reason_required(case: Case, change_reason: str | None) -> tuple[int, str]:
    """After the first agreement every change of a goal or measure needs a reason (400 otherwise)."""
    agreed = last_agreed_number(case)
    reason = (change_reason or "").strip()
    if len(reason) > REASON_MAX:
        message = _("Keep the reason under %(max)s characters.")
        raise ValidationError({"change_reason": [message % {"max": REASON_MAX}]})
    if agreed and not reason:
        message = _(
            "The plan was agreed (version %(number)s): give the reason for this change, "
            "for example a new medical finding or a change in costs."
        )
        raise ValidationError({"change_reason": [message % {"number": agreed}]})
    return agreed, reason


def change_record(
    *,
    case: Case,
    actor: User,
    object_type: str,
    object_id: Any,
    title: str,
    action: str,
    old: dict[str, Any],
    new: dict[str, Any],
    reason: str,
    after_plan_version: int,
) -> PlanChange:
    """Keep the history: which fields changed, their old and new values (encrypted), and why."""
    if action == ChangeAction.CREATED:
        fields = sorted(k for k in new if k != "id")
        diff = {name: {"old": None, "new": new[name]} for name in fields}
    else:
        fields = sorted(k for k in new if old.get(k) != new[k])
        diff = {name: {"old": old.get(name), "new": new[name]} for name in fields}
    change = PlanChange(
        case=case,
        object_type=object_type,
        object_id=object_id,
        title=title[:200],
        action=action,
        fields=fields,
        reason=reason,
        actor=actor,
        after_plan_version=after_plan_version,
    )
    change.diff = diff
    change.save()
    return change


def event_values(
    old: dict[str, Any] | None, new: dict[str, Any], fields: list[str], encrypted: set[str]
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """Old/new for the timeline: encrypted texts are never copied there, only that they changed."""
    old_out: dict[str, Any] = {}
    new_out: dict[str, Any] = {}
    for name in fields:
        if name in encrypted:
            old_out[name], new_out[name] = "…", "changed"
        else:
            old_out[name], new_out[name] = (old or {}).get(name), new.get(name)
    return (old_out if old is not None else None), new_out
