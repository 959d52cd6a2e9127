"""Closing a case (with a team lead's approval where the case type asks for it) and reopening it."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CasePhase, CaseStatus, Closure, ClosureReason, PhaseStatus
from reintegra.cases.permissions import can_approve_closure, can_change_case
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open, event_record, log_change
from reintegra.core.exceptions import Conflict, ConflictCode
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version


def _not_admitted(case: Case) -> bool:
    intake = getattr(case, "intake", None)
    return intake is not None and intake.decision == "not_admitted"


def _validate(case: Case, reason: str, agreed_with_client: bool, note: str, override_reason: str) -> None:
    errors: dict[str, list[str]] = {}
    if reason not in ClosureReason.values:
        errors["reason"] = [f"Choose one of: {', '.join(ClosureReason.values)}."]
    if not isinstance(agreed_with_client, bool):
        errors["agreed_with_client"] = ["Answer with true or false."]
    elif not agreed_with_client and not note.strip():
        errors["note"] = ["Say why the closure was not agreed with the client."]
    evaluation_done = CasePhase.objects.filter(case=case, key="evaluation", status=PhaseStatus.DONE).exists()
    if not _not_admitted(case) and not evaluation_done and not override_reason.strip():
        errors["override_reason"] = [
            "The evaluation phase is not done. Complete it, or give a reason for closing without it."
        ]
    if errors:
        raise ValidationError(errors)


def _close_now(*, actor: User, case: Case, closure: Closure) -> Case:
    today = timezone.localdate()
    case.status, case.closed_on = CaseStatus.CLOSED, today
    save_with_version(case, update_fields=["status", "closed_on"], expected_version=case.version)
    closure.closed_on = today
    closure.approved_by = closure.approved_by or actor
    closure.save(update_fields=["closed_on", "approved_by", "updated_at"])
    event_record(
        case=case,
        actor=actor,
        kind="case_closed",
        summary=f"Case closed ({closure.reason})",
        old={"status": "open"},
        new={"status": "closed", "reason": closure.reason, "agreed_with_client": closure.agreed_with_client},
    )
    log_change(actor=actor, case=case, object_type="closure", object_id=closure.pk)
    return case


@transaction.atomic
def case_close(
    *, actor: User, case: Case, reason: str, agreed_with_client: bool, note: str = "", override_reason: str = ""
) -> Closure:
    """Close the case, or file the closure for a team lead's approval where the case type asks for it."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    if case.closures.filter(closed_on__isnull=True, approved_by__isnull=True).exists():
        raise Conflict(
            _("A closure of this case is already waiting for a team lead's approval."),
            code=ConflictCode.CLOSURE_PENDING,
        )
    _validate(case, reason, agreed_with_client, note or "", override_reason or "")
    try:
        with transaction.atomic():  # a savepoint: the refused insert leaves the transaction usable
            closure = Closure.objects.create(
                case=case,
                reason=reason,
                agreed_with_client=agreed_with_client,
                note=note or "",
                override_reason=override_reason or "",
                requested_by=actor,
            )
    except IntegrityError as exc:  # a concurrent request filed one after our check
        raise Conflict(
            _("A closure of this case is already waiting for a team lead's approval."),
            code=ConflictCode.CLOSURE_PENDING,
        ) from exc
    if case.case_type.requires_closure_approval and not can_approve_closure(actor, case):
        event_record(
            case=case,
            actor=actor,
            kind="closure_requested",
            summary=f"Closure requested ({reason}); waiting for a team lead's approval",
            new={"reason": reason},
        )
        log_change(actor=actor, case=case, object_type="closure", object_id=closure.pk)
        return closure
    _close_now(actor=actor, case=case, closure=closure)
    return closure


@transaction.atomic
def closure_approve(*, actor: User, case: Case) -> Closure:
    require(can_approve_closure(actor, case), _("Only a team lead of the case's unit approves closures."))
    ensure_open(case)
    closure = case.closures.filter(closed_on__isnull=True, approved_by__isnull=True).first()
    if closure is None:
        raise Conflict(_("No closure of this case is waiting for approval."), code=ConflictCode.NO_CLOSURE_PENDING)
    closure.approved_by = actor
    _close_now(actor=actor, case=case, closure=closure)
    return closure


@transaction.atomic
def case_reopen(*, actor: User, case: Case, reason: str) -> Case:
    """Reopen a closed case (e.g. a relapse during aftercare); the evaluation phase opens again."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    if not case.is_closed:
        raise Conflict(_("This case is open."), code=ConflictCode.CASE_OPEN)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for reopening the case.")]})
    today = timezone.localdate()
    case.status, case.closed_on = CaseStatus.OPEN, None
    save_with_version(case, update_fields=["status", "closed_on"], expected_version=case.version)
    case.closures.filter(closed_on__isnull=False, reopened_on__isnull=True).update(reopened_on=today)
    latest = case.closures.order_by("-created_at").first()
    if latest is not None:
        latest.reopen_reason = reason
        latest.save(update_fields=["reopen_reason", "updated_at"])
    CasePhase.objects.filter(case=case, key="evaluation").update(status=PhaseStatus.IN_PROGRESS, completed_on=None)
    event_record(
        case=case,
        actor=actor,
        kind="case_reopened",
        summary="Case reopened",
        old={"status": "closed"},
        new={"status": "open", "reason": "given"},
    )
    log_change(actor=actor, case=case, object_type="case")
    return case
