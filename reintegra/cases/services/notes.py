"""Notes, contacts and case conferences; aftercare notes are the one write a closed case accepts."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case, CaseNote, NoteAmendment, NoteKind, Participant
from reintegra.cases.permissions import can_amend_note, can_change_case
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open, event_record, log_change
from reintegra.core.permissions import require
from reintegra.core.services import save_with_version


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
    restricted: bool = False,
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
        restricted=bool(restricted),
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


@transaction.atomic
def note_amend(*, actor: User, case: Case, note: CaseNote, text: str, reason: str) -> CaseNote:
    """Amend a note's text with a reason: the earlier wording is kept (`NoteAmendment`) and stays
    readable to those who may read the note. Notes are never deleted or silently edited. An
    aftercare note may be amended on a closed case, as it may be written there."""
    require(can_amend_note(actor, note, case), CHANGE_REFUSED)
    if note.kind != NoteKind.AFTERCARE:
        ensure_open(case)
    errors: dict[str, list[str]] = {}
    if note.case_id != case.pk:
        errors["note"] = [_("Choose a note of this case.")]
    if not (text or "").strip():
        errors["text"] = [_("Write the note.")]
    elif text.strip() == note.text.strip():
        errors["text"] = [_("The text is unchanged.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Say why the note is amended.")]
    if errors:
        raise ValidationError(errors)
    NoteAmendment.objects.create(note=note, at=timezone.now(), by=actor, reason=reason.strip(), previous_text=note.text)
    note.text = text
    save_with_version(note, update_fields=["text"], expected_version=note.version)
    event_record(
        case=case,
        actor=actor,
        kind="note_amended",
        summary=f"{note.kind.replace('_', ' ').capitalize()} amended",
        new={"note": str(note.pk), "kind": note.kind},
    )
    log_change(actor=actor, case=case, object_type="note", object_id=note.pk)
    return note
