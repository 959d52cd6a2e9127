"""Completing and reopening phases."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.checklist import missing_items
from reintegra.cases.models import PHASE_ORDER, Case, CasePhase, PhaseStatus
from reintegra.cases.permissions import can_change_case
from reintegra.cases.services.common import (
    CHANGE_REFUSED,
    ensure_admitted_or_intake,
    ensure_open,
    event_record,
    log_change,
)
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require


def _phase(case: Case, key: str) -> CasePhase:
    if key not in PHASE_ORDER:
        raise ValidationError(
            {"key": [_("Unknown phase. Choose one of: %(keys)s.") % {"keys": ", ".join(PHASE_ORDER)}]}
        )
    return CasePhase.objects.select_for_update().get(case=case, key=key)


@transaction.atomic
def phase_complete(*, actor: User, case: Case, key: str, override_reason: str = "") -> CasePhase:
    """Mark a phase done. Items missing need a written reason; a done phase is returned unchanged."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    if key != "intake":
        ensure_admitted_or_intake(case)
    phase = _phase(case, key)
    if phase.status == PhaseStatus.DONE:
        return phase
    missing = missing_items(case, key)
    override_reason = (override_reason or "").strip()
    if missing and not override_reason:
        raise InvalidInput(
            {
                "missing": missing,
                "detail": _("Items are missing. Record them, or give a reason for completing the phase without them."),
            }
        )
    phase.status = PhaseStatus.DONE
    phase.override_reason = override_reason if missing else ""
    phase.completed_on = timezone.localdate()
    phase.save(update_fields=["status", "override_reason", "completed_on"])
    summary = f"Phase {key} completed" + (f" with {len(missing)} item(s) missing, reason given" if missing else "")
    event_record(
        case=case,
        actor=actor,
        kind="phase_completed",
        summary=summary,
        old={"status": "in_progress"},
        new={"phase": key, "status": "done", "missing": missing},
    )
    log_change(actor=actor, case=case, object_type="phase")
    return phase


@transaction.atomic
def phase_reopen(*, actor: User, case: Case, key: str, reason: str) -> CasePhase:
    """Reopen a phase (done or not started) with a written reason."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    if key != "intake":
        ensure_admitted_or_intake(case)
    phase = _phase(case, key)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for reopening the phase.")]})
    old_status = phase.status
    phase.status = PhaseStatus.IN_PROGRESS
    phase.completed_on = None
    phase.save(update_fields=["status", "completed_on"])
    event_record(
        case=case,
        actor=actor,
        kind="phase_reopened",
        summary=f"Phase {key} reopened",
        old={"status": old_status},
        new={"phase": key, "status": "in_progress", "reason": "given"},
    )
    log_change(actor=actor, case=case, object_type="phase")
    return phase
