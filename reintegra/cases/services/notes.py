"""Notes, contacts and case conferences; aftercare notes are the one write a closed case accepts."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseNote, NoteKind, Participant
from reintegra.cases.permissions import can_change_case
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open, event_record, log_change
from reintegra.core.permissions import require


@transaction.atomic
def note_add(
    *,
    actor: User,
    case: Case,
    text: str,
    kind: str = NoteKind.NOTE,
    decisions: str = "",
    present: list[Participant] | None = None,
    occurred_on: date | None = None,
) -> CaseNote:
    require(can_change_case(actor, case), CHANGE_REFUSED)
    if kind != NoteKind.AFTERCARE:
        ensure_open(case)
    errors: dict[str, list[str]] = {}
    if kind not in NoteKind.values:
        errors["kind"] = [f"Choose one of: {', '.join(NoteKind.values)}."]
    if not (text or "").strip():
        errors["text"] = ["Write the note."]
    if occurred_on and occurred_on > timezone.localdate():
        errors["occurred_on"] = ["The date cannot be in the future."]
    present = present or []
    if any(person.case_id != case.pk for person in present):
        errors["present"] = ["Choose participants of this case."]
    if errors:
        raise ValidationError(errors)
    note = CaseNote.objects.create(
        case=case,
        kind=kind,
        text=text,
        decisions=decisions or "",
        author=actor,
        occurred_on=occurred_on or timezone.localdate(),
    )
    if present:
        note.present.set(present)
    event_record(
        case=case,
        actor=actor,
        kind="note_added",
        summary=f"{kind.replace('_', ' ').capitalize()} recorded",
        new={"note": str(note.pk), "kind": kind},
    )
    log_change(actor=actor, case=case, object_type="note", object_id=note.pk)
    return note
