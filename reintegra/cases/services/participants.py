"""Participants (Beteiligte) and periods of incapacity."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.inputs import IncapacityChanges, IncapacityData, ParticipantChanges, ParticipantData
from reintegra.cases.models import Case, IncapacityCorrection, IncapacityPeriod, Participant, ParticipantRole
from reintegra.cases.permissions import can_change_case
from reintegra.cases.plausibility import incapacity_errors
from reintegra.cases.services.common import CHANGE_REFUSED, ensure_open, event_record, log_change
from reintegra.core.exceptions import Conflict, ConflictCode
from reintegra.core.permissions import require
from reintegra.core.services import check_version, save_with_version

PARTICIPANT_FIELDS = ("role", "name", "organisation_name", "email", "phone", "language")


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
    errors.update(incapacity_errors(period.start, period.end, today=timezone.localdate()))
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


EDITABLE_PARTICIPANT_FIELDS = ("name", "organisation_name", "email", "phone", "language")


@transaction.atomic
def participant_update(*, actor: User, case: Case, participant: Participant, data: ParticipantChanges) -> Participant:
    """Correct a participant's name, organisation or contact data (the role stays: a new role is
    a new participant, since consents name them by role)."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    if participant.case_id != case.pk:
        raise ValidationError({"participant": [_("Choose a participant of this case.")]})
    changed = [field for field in EDITABLE_PARTICIPANT_FIELDS if field in data]
    old = {field: getattr(participant, field) for field in changed}
    for field in changed:
        setattr(participant, field, str(data.get(field) or "").strip())
    participant.full_clean(exclude=["user"])
    fields = [field for field in changed if getattr(participant, field) != old[field]]
    if not fields:
        return participant
    save_with_version(participant, update_fields=fields, expected_version=participant.version)
    event_record(
        case=case,
        actor=actor,
        kind="participant_updated",
        summary=f"Participant changed: {participant.name} ({participant.role})",
        old={"participant": str(participant.pk), "fields": fields},
        new={"participant": str(participant.pk), "fields": fields},
    )
    log_change(actor=actor, case=case, object_type="participant", object_id=participant.pk)
    return participant


def _period_values(period: IncapacityPeriod) -> dict[str, object]:
    return {
        "end": period.end.isoformat() if period.end else None,
        "percent": period.percent,
        "certificate": period.certificate,
    }


@transaction.atomic
def incapacity_correct(
    *,
    actor: User,
    case: Case,
    period: IncapacityPeriod,
    version: int,
    reason: str,
    data: IncapacityChanges,
) -> IncapacityPeriod:
    """End or correct a period of incapacity (last day, percent, certificate) with a reason; the
    values before and after stay in the period's history (`IncapacityCorrection`)."""
    require(can_change_case(actor, case), CHANGE_REFUSED)
    ensure_open(case)
    if period.case_id != case.pk:
        raise ValidationError({"period": [_("Choose a period of this case.")]})
    check_version(period, version)
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Say why the period is corrected.")]
    if "percent" in data and (data["percent"] is None or not 1 <= int(data["percent"]) <= 100):
        errors["percent"] = [_("Enter a percentage from 1 to 100.")]
    if "certificate" in data and data["certificate"] is None:
        errors["certificate"] = [_("Say whether a medical certificate exists.")]
    end = data["end"] if "end" in data else period.end
    end_errors = incapacity_errors(period.start, end, today=timezone.localdate()).get("end")
    if end_errors:
        errors["end"] = end_errors
    if errors:
        raise ValidationError(errors)
    old = _period_values(period)
    for field in ("end", "percent", "certificate"):
        if field in data:
            setattr(period, field, data[field])  # type: ignore[literal-required]
    new = _period_values(period)
    fields = [field for field in ("end", "percent", "certificate") if old[field] != new[field]]
    if not fields:
        raise ValidationError({"non_field_errors": [_("Nothing was changed.")]})
    period.full_clean()
    save_with_version(period, update_fields=fields, expected_version=version)
    IncapacityCorrection.objects.create(
        period=period,
        at=timezone.now(),
        by=actor,
        reason=reason.strip(),
        old={field: old[field] for field in fields},
        new={field: new[field] for field in fields},
    )
    ended = "end" in fields and old["end"] is None
    event_record(
        case=case,
        actor=actor,
        kind="incapacity_ended" if ended else "incapacity_corrected",
        summary=(
            f"Period of incapacity from {period.start:%d.%m.%Y} ended on {period.end:%d.%m.%Y}"
            if ended and period.end
            else f"Period of incapacity from {period.start:%d.%m.%Y} corrected"
        ),
        old={"period": str(period.pk), **{field: old[field] for field in fields}},
        new={"period": str(period.pk), **{field: new[field] for field in fields}},
    )
    log_change(actor=actor, case=case, object_type="incapacity", object_id=period.pk)
    return period
