"""Configuring case types (organisation admins)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.case_types import GOAL_OUTCOMES
from reintegra.cases.checklist import DEFAULT_CHECKLIST
from reintegra.cases.inputs import CaseTypeChanges
from reintegra.cases.models import CaseType
from reintegra.cases.permissions import can_configure_case_types
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version

CONFIGURE_REFUSED = "Only organisation admins configure case types."
EDITABLE = (
    "name",
    "reference_prefix",
    "trigger_days",
    "criteria",
    "information_text",
    "requires_closure_approval",
    "retention_after_closure_days",
    "retention_not_admitted_days",
)


def _clean_checklist(checklist: dict[str, list[str]]) -> dict[str, list[str]]:
    cleaned = {}
    for phase, allowed in DEFAULT_CHECKLIST.items():
        chosen = checklist.get(phase, [])
        unknown = [key for key in chosen if key not in allowed]
        if unknown:
            raise ValidationError(
                {f"checklist_{phase}": [_("Unknown items: %(keys)s.") % {"keys": ", ".join(unknown)}]}
            )
        cleaned[phase] = [key for key in allowed if key in chosen]
    return cleaned


@transaction.atomic
def case_type_update(*, actor: User, case_type: CaseType, version: int, data: CaseTypeChanges) -> CaseType:
    require(can_configure_case_types(actor), CONFIGURE_REFUSED)
    require(can_configure_case_types(actor, case_type), _("This case type belongs to another organisation."))
    changes: dict[str, Any] = dict(data)
    for field in EDITABLE:
        if field in changes:
            setattr(case_type, field, changes[field])
    case_type.checklist = _clean_checklist(data.get("checklist", case_type.checklist))
    case_type.full_clean()
    save_with_version(case_type, update_fields=[*EDITABLE, "checklist"], expected_version=version)
    return case_type


@transaction.atomic
def case_type_create(*, actor: User, key: str, name: str, reference_prefix: str) -> CaseType:
    require(can_configure_case_types(actor), CONFIGURE_REFUSED)
    case_type = CaseType(
        organisation=actor.organisation,
        key=key,
        name=name,
        reference_prefix=reference_prefix,
        outcomes=list(GOAL_OUTCOMES),
        checklist={phase: list(items) for phase, items in DEFAULT_CHECKLIST.items()},
    )
    case_type.full_clean()
    case_type.save()
    return case_type
