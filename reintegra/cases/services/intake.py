"""The intake record (Aufnahme klären)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Role, User
from reintegra.cases.inputs import IntakeData
from reintegra.cases.models import Case, Decision, Intake
from reintegra.cases.permissions import can_change_case
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open, event_record, log_change
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require
from reintegra.core.services import check_version, save_with_version

TRACKED = (
    "criteria_met",
    "decision",
    "client_informed",
    "commissioning_party_disclosed",
    "cooperation_agreed",
)


def intake_of(case: Case) -> Intake:
    """The case's intake, or an unsaved empty one (GET of a part not yet written)."""
    try:
        return case.intake
    except Intake.DoesNotExist:
        return Intake(case=case)


def _answers(case: Case, answers: Any) -> list[dict[str, Any]]:
    if answers in (None, ""):
        return []
    if not isinstance(answers, list):
        raise ValidationError({"criteria_answers": [_("Send a list of {criterion, answer, note}.")]})
    cleaned, errors = [], {}
    for index, item in enumerate(answers):
        if not isinstance(item, dict) or not str(item.get("criterion", "")).strip():
            errors[str(index)] = {"criterion": ["Name the criterion."]}
            continue
        if not isinstance(item.get("answer"), bool):
            errors[str(index)] = {"answer": ["Answer with true or false."]}
            continue
        cleaned.append(
            {
                "criterion": str(item["criterion"])[:500],
                "answer": item["answer"],
                "note": str(item.get("note") or "")[:2000],
            }
        )
    if errors:
        raise InvalidInput({"criteria_answers": errors})
    return cleaned


@transaction.atomic
def intake_save(*, actor: User, case: Case, version: int, data: IntakeData, deputy: Any = ...) -> Intake:
    """Write the whole intake (PUT). Carries and bumps the case's version.

    A `not_admitted` decision needs a reason; such a case can then only be closed.
    """
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    check_version(case, version)
    intake = intake_of(case)
    old = {name: getattr(intake, name) for name in TRACKED}
    decision = data.get("decision") or ""
    reason = (data.get("decision_reason") or "").strip()
    errors: dict[str, list[str]] = {}
    if decision not in Decision.values:
        errors["decision"] = ["Choose admitted or not admitted."]
    if decision == Decision.NOT_ADMITTED and not reason:
        errors["decision_reason"] = ["Give the reason why the case is not admitted."]
    if decision == Decision.ADMITTED and not reason:
        errors["decision_reason"] = ["Give the reason for the decision (which criteria are met)."]
    for flag in ("criteria_met", "client_informed", "cooperation_agreed"):
        if not isinstance(data.get(flag), bool):
            errors[flag] = ["Answer with yes or no."]
    if "commissioning_party_disclosed" in data and not isinstance(data["commissioning_party_disclosed"], bool):
        errors["commissioning_party_disclosed"] = ["Answer with yes or no."]
    if errors:
        raise ValidationError(errors)
    if "criteria_answers" in data:  # a form that does not show the answers (the page's) keeps them
        intake.criteria_answers = _answers(case, data.get("criteria_answers"))
    intake.criteria_met = data["criteria_met"]
    intake.decision = decision
    intake.decision_reason = reason
    intake.client_informed = data["client_informed"]
    intake.commissioning_party_disclosed = bool(data.get("commissioning_party_disclosed", False))
    intake.cooperation_agreed = data["cooperation_agreed"]
    fields = []
    if deputy is not ...:
        if deputy is not None and (
            deputy.organisation_id != case.organisation_id
            or not deputy.is_active
            or not deputy.memberships.filter(role__in=[Role.CASE_MANAGER, Role.TEAM_LEAD]).exists()
        ):
            raise ValidationError({"deputy": [_("Choose a case manager of your organisation as deputy.")]})
        if deputy is not None and deputy.pk == case.case_manager_id:
            raise ValidationError({"deputy": [_("The deputy must be someone other than the case manager.")]})
        case.deputy = deputy
        fields.append("deputy")
    intake.full_clean(exclude=["case"])
    intake.save()
    save_with_version(case, update_fields=fields, expected_version=version)
    new = {name: getattr(intake, name) for name in TRACKED}
    changed_old = {k: v for k, v in old.items() if new[k] != v}
    changed_new = {k: new[k] for k in changed_old}
    summary = "Intake recorded"
    if "decision" in changed_new:
        summary = f"Intake decision: {decision.replace('_', ' ')}"
    event_record(case=case, actor=actor, kind="intake_saved", summary=summary, old=changed_old, new=changed_new)
    log_change(actor=actor, case=case, object_type="intake")
    return intake


@transaction.atomic
def intake_criteria_answer(*, actor: User, case: Case, answers: list[dict[str, Any]], source: str) -> Intake:
    """Answer some of the intake's criteria without deciding (e.g. from the screening hit a case was opened
    from). Answers to other criteria are kept; the decision stays with the case manager. Bumps the case's
    version like every intake change; `source` names where the answers come from (timeline, no free text)."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    intake = intake_of(case)
    given = _answers(case, answers)
    if not given:
        raise InvalidInput({"criteria_answers": [_("Answer at least one criterion.")]})
    answered = {item["criterion"] for item in given}
    intake.criteria_answers = [a for a in intake.criteria_answers if a.get("criterion") not in answered] + given
    intake.full_clean(exclude=["case", "criteria_met"])  # undecided until the intake is saved
    intake.save()
    save_with_version(case, update_fields=[], expected_version=case.version)
    event_record(
        case=case,
        actor=actor,
        kind="intake_criteria_answered",
        summary=f"Intake criteria answered from {source}",
        new={"source": source, "criteria": len(given), "yes": sum(1 for a in given if a["answer"])},
    )
    log_change(actor=actor, case=case, object_type="intake")
    return intake
