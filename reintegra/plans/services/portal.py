"""A participant (employer contact, …) marks a measure they are responsible for as done, in the employer portal.

The note is kept encrypted as the reason of the measure's history entry (PlanChange), which
the case worker sees in the measure's history; the timeline names the participant and the
measure only, never the note.
"""

from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case
from reintegra.cases.services.common import ensure_open, event_record, log_change
from reintegra.core.exceptions import Conflict, InvalidInput
from reintegra.core.services import save_with_version
from reintegra.plans.models import ChangeAction, Measure, MeasureStatus
from reintegra.plans.permissions import can_mark_measure_done
from reintegra.plans.services.common import change_record, last_agreed_number
from reintegra.plans.services.due import due_reminders_sync

NOTE_MAX = 2000


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@transaction.atomic
def measure_done_by_participant(*, actor: User, measure: Measure, note: str, version: int) -> Measure:
    """Mark `measure` done with a note. Only the measure's responsible participant's account may,
    and only while the case is disclosed to it by an active consent (404 otherwise, as if missing).
    A note is required (400 `note`); `version` must be the measure's (stale: 409); a measure that
    is done or cancelled already, or a closed case, answers 409.
    """
    participant = measure.responsible_participant
    if participant is None or not can_mark_measure_done(actor, measure):
        raise Http404(_("No such measure."))
    case = Case.objects.get(pk=measure.case_id)
    errors: dict[str, list[str]] = {}
    text = note.strip() if isinstance(note, str) else ""
    if not text:
        errors["note"] = [_("Write a short note on what was done.")]
    elif len(text) > NOTE_MAX:
        errors["note"] = [_("Keep the note under %(max)s characters.") % {"max": NOTE_MAX}]
    if not _is_int(version) or version < 1:
        errors["version"] = [_("Send the version of the measure you marked done.")]
    if errors:
        raise InvalidInput(errors)
    ensure_open(case)
    if measure.status in (MeasureStatus.DONE, MeasureStatus.CANCELLED):
        raise Conflict(_("This measure is already %(status)s.") % {"status": measure.get_status_display()})
    old_status = measure.status
    measure.status = MeasureStatus.DONE
    save_with_version(measure, update_fields=["status", "updated_at"], expected_version=version)
    change_record(
        case=case,
        actor=actor,
        object_type="measure",
        object_id=measure.pk,
        title=measure.title,
        action=ChangeAction.CHANGED,
        old={"status": old_status},
        new={"status": MeasureStatus.DONE},
        reason=text,
        after_plan_version=last_agreed_number(case),
    )
    event_record(
        case=case,
        actor=actor,
        kind="measure_done_by_participant",
        summary=f"Measure done by {participant.name}: {measure.title}",
        old={"status": old_status},
        new={
            "status": MeasureStatus.DONE,
            "measure": measure.title,
            "participant": str(participant.pk),
            "participant_name": participant.name,
        },
    )
    log_change(actor=actor, case=case, object_type="measure", object_id=measure.pk)
    due_reminders_sync(case=case)
    return measure
