"""Configuring the screening rules of an organisation (organisation admins).

A rule is data (`ScreeningRule`): the clauses that make a hit, the window, the counting unit, the
kinds of absence counted and the case type an accepted invitation opens. A change is checked as a
whole (a form error per field, nothing stored on bad input), saved with the rule's version, written
to the access log, and the organisation's list is recomputed in the background after the commit.
"""

import re
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import CaseType
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version
from reintegra.screening.models import AbsenceKind, CountingUnit, ScreeningRule
from reintegra.screening.permissions import can_configure_screening_rules

EDITABLE = (
    "name",
    "case_type_key",
    "window_days",
    "counting_unit",
    "kinds",
    "total_days_over",
    "consecutive_days_min",
    "separate_absences_min",
    "active",
)
CLAUSES = ("total_days_over", "consecutive_days_min", "separate_absences_min")
WINDOW_MAX = 3660
SLUG = re.compile(r"[a-z][a-z0-9-]{1,39}")


class RuleSettings(TypedDict, total=False):
    name: str
    case_type_key: str
    window_days: int
    counting_unit: str
    kinds: list[str]
    total_days_over: int | None
    consecutive_days_min: int | None
    separate_absences_min: int | None
    active: bool


def _errors(organisation_id: Any, values: dict[str, Any]) -> dict[str, list[str]]:
    """Every problem of the settings, per field (the model's own checks come after these)."""
    errors: dict[str, list[str]] = {}
    name = str(values.get("name") or "").strip()
    if not name:
        errors["name"] = [_("Give the rule a name.")]
    window = values.get("window_days")
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= WINDOW_MAX:
        errors["window_days"] = [_("Enter a whole number of days from 1 to %(max)d.") % {"max": WINDOW_MAX}]
        window = None
    if values.get("counting_unit") not in CountingUnit.values:
        errors["counting_unit"] = [_("Choose calendar days or working days.")]
    kinds = values.get("kinds")
    if not isinstance(kinds, list) or not kinds or any(k not in AbsenceKind.values for k in kinds):
        errors["kinds"] = [_("Choose at least one kind of absence: illness, accident or other.")]
    for clause in CLAUSES:
        value = values.get(clause)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors[clause] = [_("Enter a whole number of at least 1, or leave it empty.")]
        elif clause == "total_days_over" and window is not None and value >= window:
            errors[clause] = [
                _("More days than the window holds can never be counted: enter fewer than %(n)d.") % {"n": window}
            ]
        elif clause == "consecutive_days_min" and window is not None and value > window:
            errors[clause] = [_("Enter at most the window's %(n)d days.") % {"n": window}]
        elif clause == "separate_absences_min" and value < 2:
            errors[clause] = [_("Separate absences start at 2 (one absence is no repetition).")]
    if all(values.get(clause) is None for clause in CLAUSES) and not any(c in errors for c in CLAUSES):
        errors["total_days_over"] = [
            _("Set at least one threshold: days in total, consecutive days or separate absences.")
        ]
    key = values.get("case_type_key")
    if not CaseType.objects.filter(organisation_id=organisation_id, key=key, active=True).exists():
        errors["case_type_key"] = [_("Choose an active case type of your organisation.")]
    return errors


@transaction.atomic
def screening_rule_update(*, actor: User, rule: ScreeningRule, version: int, data: RuleSettings) -> ScreeningRule:
    """Change a rule's settings (all or nothing); a stale `version` is a conflict (409)."""
    require(can_configure_screening_rules(actor), _("Only organisation admins configure screening rules."))
    require(can_configure_screening_rules(actor, rule), _("This rule belongs to another organisation."))
    values: dict[str, Any] = {field: getattr(rule, field) for field in EDITABLE}
    values.update({field: data[field] for field in EDITABLE if field in data})  # type: ignore[literal-required]
    if isinstance(values.get("name"), str):
        values["name"] = values["name"].strip()
    if isinstance(values.get("kinds"), list):
        values["kinds"] = [k for k in AbsenceKind.values if k in values["kinds"]]  # one order, no repeats
    errors = _errors(rule.organisation_id, values)
    if errors:
        raise ValidationError(errors)
    old = {field: getattr(rule, field) for field in EDITABLE}
    for field in EDITABLE:
        setattr(rule, field, values[field])
    rule.full_clean(exclude=["organisation", "key"])
    save_with_version(rule, update_fields=list(EDITABLE), expected_version=version)
    changed = sorted(field for field in EDITABLE if old[field] != values[field])
    access_log_write(
        user=actor,
        action=AccessAction.CHANGE,
        object_type="screening_rule",
        object_id=rule.pk,
        detail=f"rule {rule.key}: {', '.join(changed) or 'unchanged'}",
    )
    if changed:
        organisation_id = str(rule.organisation_id)
        transaction.on_commit(lambda: _recompute(organisation_id))
    return rule


def _recompute(organisation_id: str) -> None:
    from reintegra.screening.tasks import screening_recompute

    screening_recompute.enqueue(organisation_id)


@transaction.atomic
def screening_rule_create(*, actor: User, key: str, data: RuleSettings) -> ScreeningRule:
    """An organisation's own rule (e.g. an insurer's trigger at 60 days), checked as a change is."""
    require(can_configure_screening_rules(actor), _("Only organisation admins configure screening rules."))
    organisation_id: Any = actor.organisation_id  # the permission check made sure there is one
    key = (key or "").strip()
    values: dict[str, Any] = {"active": True, **{field: data[field] for field in EDITABLE if field in data}}  # type: ignore[literal-required]
    for field in EDITABLE:
        values.setdefault(field, None)
    if isinstance(values.get("name"), str):
        values["name"] = values["name"].strip()
    if isinstance(values.get("kinds"), list):
        values["kinds"] = [k for k in AbsenceKind.values if k in values["kinds"]]
    errors = _errors(organisation_id, values)
    if not SLUG.fullmatch(key):
        errors["key"] = [_("Use 2 to 40 lower-case letters, digits and dashes, starting with a letter.")]
    elif ScreeningRule.objects.filter(organisation_id=organisation_id, key=key).exists():
        errors["key"] = [_("Your organisation has a rule with this key already.")]
    if errors:
        raise ValidationError(errors)
    rule = ScreeningRule(organisation_id=organisation_id, key=key, **values)
    rule.full_clean()
    rule.save()
    access_log_write(
        user=actor,
        action=AccessAction.CHANGE,
        object_type="screening_rule",
        object_id=rule.pk,
        detail=f"rule {key}: created",
    )
    organisation = str(organisation_id)
    transaction.on_commit(lambda: _recompute(organisation))
    return rule
