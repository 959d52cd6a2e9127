"""Handing a person's open cases over to a colleague when they leave (deactivation).

Managed cases move with the reassign service (`case_reassign`: a `case_reassigned` timeline entry
each); where they were the deputy, the colleague becomes the deputy (a `case_updated` entry, as for
a deputy set on the case page), or the deputy is cleared where the colleague manages the case.
"""

from typing import Any, cast

from django.db import transaction
from django.db.models import Q

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseStatus
from reintegra.cases.services.common import event_record, log_change
from reintegra.cases.services.reassign import case_reassign
from reintegra.core.services import save_with_version


def open_cases_of(user: User) -> list[Case]:
    """Open cases the person manages or deputises."""
    return list(
        Case.objects.filter(Q(case_manager=user) | Q(deputy=user), organisation=cast(Any, user.organisation))
        .filter(status=CaseStatus.OPEN)
        .select_related("organisation")
        .order_by("created_at")
    )


def _deputy_hand_over(*, actor: User, case: Case, from_user: User, to_user: User, reason: str) -> None:
    new_deputy = None if case.case_manager_id == to_user.pk else to_user
    case.deputy = new_deputy
    save_with_version(case, update_fields=["deputy"], expected_version=case.version)
    event_record(
        case=case,
        actor=actor,
        kind="case_updated",  # as when the deputy is set on the case page (reads "Case details changed")
        summary=f"Deputy handed over to {to_user.display_name}" if new_deputy else "Deputy cleared (handover)",
        old={"deputy": str(from_user.pk)},
        new={"deputy": str(new_deputy.pk) if new_deputy else "", "reason": "handover"},
    )
    log_change(actor=actor, case=case, object_type="case")


@transaction.atomic
def cases_hand_over(*, actor: User, from_user: User, to_user: Any, reason: str) -> int:
    """Move every open case `from_user` manages or deputises to `to_user`; returns how many moved."""
    moved = 0
    for case in open_cases_of(from_user):
        if case.case_manager_id == from_user.pk:
            case_reassign(
                actor=actor, case=case, to_user=to_user, reason=reason, check_permission=False, field="handover_to"
            )
        else:
            _deputy_hand_over(actor=actor, case=case, from_user=from_user, to_user=to_user, reason=reason)
        moved += 1
    return moved
