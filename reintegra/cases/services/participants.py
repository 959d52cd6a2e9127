"""Participants (Beteiligte) and periods of incapacity."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.inputs import IncapacityData, ParticipantData
from reintegra.cases.models import Case, IncapacityPeriod, Participant, ParticipantRole
from reintegra.cases.permissions import can_change_case
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open, event_record, log_change
from reintegra.core.exceptions import Conflict, ConflictCode
from reintegra.core.permissions import require

PARTICIPANT_FIELDS = ("role", "name", "organisation_name", "email", "phone")


def _portal_user(case: Case, user: User | None) -> None:
    if user is not None and user.organisation_id != case.organisation_id:
        raise ValidationError({"user": [_("Choose an account of your organisation.")]})


@transaction.atomic
def participant_create(*, actor: User, case: Case, data: ParticipantData, user: User | None = None) -> Participant:
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    if data.get("role") not in ParticipantRole.values:
        raise ValidationError({"role": [_("Choose one of: %(keys)s.") % {"keys": ", ".join(ParticipantRole.values)}]})
    _portal_user(case, user)
    participant = Participant(case=case, user=user, **{k: data.get(k) or "" for k in PARTICIPANT_FIELDS})
    participant.full_clean()
    participant.save()
    event_record(
        case=case,
        actor=actor,
        kind="participant_added",
        summary=f"Participant added: {participant.name} ({participant.role})",
        new={"participant": str(participant.pk), "role": participant.role},
    )
    log_change(actor=actor, case=case, object_type="participant", object_id=participant.pk)
    return participant


@transaction.atomic
def participant_remove(*, actor: User, case: Case, participant: Participant) -> None:
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    try:
        with transaction.atomic():
            participant.delete()
    except ProtectedError as exc:
        # Consents (and what else keeps a record of them) name this participant: they stay on record.
        raise Conflict(
            _(
                "This participant is named in records that must be kept (e.g. a consent); "
                "withdraw the consent instead of removing the participant."
            ),
            code=ConflictCode.ON_RECORD,
        ) from exc
    # Last, after the delete: the stored checklist state (a measure's owner) must see it.
    event_record(
        case=case,
        actor=actor,
        kind="participant_removed",
        summary=f"Participant removed: {participant.name} ({participant.role})",
        old={"participant": str(participant.pk), "role": participant.role},
    )
    log_change(actor=actor, case=case, object_type="participant", object_id=participant.pk)


@transaction.atomic
def incapacity_add(*, actor: User, case: Case, data: IncapacityData) -> IncapacityPeriod:
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    period = IncapacityPeriod(  # type: ignore[misc]  # missing values are reported just below
        case=case,
        start=data.get("start"),
        end=data.get("end"),
        percent=data.get("percent"),
        certificate=bool(data.get("certificate", False)),
    )
    errors: dict[str, list[str]] = {}
    if period.start is None:
        errors["start"] = ["Enter the first day of incapacity, for example 3.11.2026."]
    if period.percent is None or not 1 <= int(period.percent) <= 100:
        errors["percent"] = ["Enter a percentage from 1 to 100."]
    if period.start and period.end and period.end < period.start:
        errors["end"] = ["The last day must be on or after the first day."]
    if errors:
        raise ValidationError(errors)
    period.full_clean()
    period.save()
    event_record(
        case=case,
        actor=actor,
        kind="incapacity_added",
        summary=f"Period of incapacity recorded from {period.start:%d.%m.%Y}",
        new={"start": str(period.start), "end": str(period.end or ""), "percent": period.percent},
    )
    log_change(actor=actor, case=case, object_type="incapacity", object_id=period.pk)
    return period
