"""Recording consents, attaching their scans and withdrawing them (by staff or by the client).

Both withdrawal paths lock the consent row (`select_for_update`) and check "already
withdrawn" under that lock, so parallel withdrawals (a double click, the client and a case
manager at once) record one withdrawal and one timeline event; the others change nothing.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.cases.models import Case, Participant
from reintegra.cases.services.common import ensure_open, event_record, log_change
from reintegra.consents.models import Consent, ConsentForm, Purpose
from reintegra.consents.permissions import (
    can_attach_consent_scan,
    can_record_consent,
    can_withdraw_consent,
    can_withdraw_own_consent,
)
from reintegra.consents.reminders import consent_expiry_reminders
from reintegra.consents.uploads import sniff_scan
from reintegra.core.permissions import require

MAX_REASON = 5000


@transaction.atomic
def consent_record(
    *,
    actor: User,
    case: Case,
    purpose: str,
    form: str,
    given_on: date,
    participant: Participant | None = None,
    valid_until: date | None = None,
    scope: str = "",
) -> Consent:
    """Record a consent the client gave (its scan, if any, is attached with `consent_scan_attach`)."""
    require(can_record_consent(actor, case), _("Only case managers and team leads may record consents."))
    ensure_open(case)
    errors: dict[str, list[str]] = {}
    if purpose not in Purpose.values:
        errors["purpose"] = [f"Choose one of: {', '.join(Purpose.values)}."]
    if form not in ConsentForm.values:
        errors["form"] = ["Choose oral or written."]
    if purpose == Purpose.SHARE_WITH_PARTICIPANT and participant is None:
        errors["participant"] = ["Name the participant this consent is for."]
    if participant is not None and participant.case_id != case.pk:
        errors["participant"] = ["Choose a participant of this case."]
    if given_on is None:
        errors["given_on"] = ["Enter the date the consent was given, for example 3.11.2026."]
    elif given_on > timezone.localdate():
        errors["given_on"] = ["The date the consent was given cannot be in the future."]
    if valid_until is not None and given_on is not None and valid_until < given_on:
        errors["valid_until"] = ["The end of validity must be on or after the date it was given."]
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        case=case,
        purpose=purpose,
        participant=participant,
        form=form,
        given_on=given_on,
        valid_until=valid_until,
        scope=scope or "",
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    event_record(
        case=case,
        actor=actor,
        kind="consent_recorded",
        summary=f"Consent recorded: {purpose} ({form})",
        new={"consent": str(consent.pk), "purpose": purpose, "form": form, "given_on": str(given_on)},
    )
    log_change(actor=actor, case=case, object_type="consent", object_id=consent.pk)
    consent_expiry_reminders(consent=consent)
    return consent


def _reason_checked(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": [_("Keep the reason under %(limit)s characters.") % {"limit": MAX_REASON}]})
    return reason


def _lock(consent: Consent) -> None:
    """Re-read the consent (in place, so the caller's object shows the outcome) under a lock held
    until the transaction ends: a row lock on PostgreSQL; on SQLite the IMMEDIATE transaction
    already holds the write lock. Whoever comes second sees the first withdrawal."""
    consent.refresh_from_db(from_queryset=Consent.objects.select_for_update())


@transaction.atomic
def consent_withdraw(*, actor: User, case: Case, consent: Consent, reason: str = "") -> Consent:
    """Staff withdraw a consent on the client's behalf; it takes effect at once.

    Withdrawing twice (or in parallel) changes nothing the second time: the consent is
    re-read under a row lock before "already withdrawn" is decided.
    """
    if consent.case_id != case.pk:
        raise ValidationError({"consent": [_("Choose a consent of this case.")]})
    require(can_withdraw_consent(actor, case), _("Only case managers and team leads may withdraw consents."))
    reason = _reason_checked(reason)
    _lock(consent)
    if consent.withdrawn_on is not None:
        return consent
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawal_reason = reason
    consent.version += 1
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason", "version", "updated_at"])
    event_record(
        case=case,
        actor=actor,
        kind="consent_withdrawn",
        summary=f"Consent withdrawn: {consent.purpose}",
        old={"status": "active"},
        new={"status": "withdrawn", "consent": str(consent.pk)},
    )
    log_change(actor=actor, case=case, object_type="consent", object_id=consent.pk)
    consent_expiry_reminders(consent=consent)  # cancels the pending reminders
    return consent


@transaction.atomic
def consent_scan_attach(*, actor: User, case: Case, consent: Consent, scan: File) -> Consent:
    """Attach the signed scan of a written consent (PDF, PNG or JPEG, at most 5 MB)."""
    require(can_attach_consent_scan(actor, case), _("Only case managers and team leads may attach scans."))
    ensure_open(case)
    if consent.form != ConsentForm.WRITTEN:
        raise ValidationError({"scan": [_("Only a written consent can carry a scan.")]})
    _content_type, extension = sniff_scan(scan)
    replaced = consent.scan.name or ""
    storage = consent.scan.storage
    consent.scan.save(f"consent-{consent.pk}.{extension}", scan, save=False)
    stored = consent.scan.name
    try:
        consent.version += 1
        consent.save(update_fields=["scan", "version", "updated_at"])
        event_record(
            case=case,
            actor=actor,
            kind="consent_scan_attached",
            summary="Signed consent scan attached",
            new={"consent": str(consent.pk)},
        )
        log_change(actor=actor, case=case, object_type="consent", object_id=consent.pk)
    except BaseException:
        storage.delete(stored)  # the change rolls back: the new file must not stay behind
        raise
    # The replaced scan goes once the change committed (before, a rollback would need it).
    if replaced and replaced != stored:
        transaction.on_commit(lambda: storage.delete(replaced), robust=True)
    return consent


@transaction.atomic
def consent_withdraw_by_client(*, actor: User, consent: Consent, reason: str = "") -> Consent:
    """The client withdraws one of their own consents in the client portal; it takes effect at once.

    Only the client whose portal account is linked to the case (`Client.user`) may do this:
    anyone else gets 403. Withdrawing twice changes nothing. Disclosure to participants that
    rested on the consent ends with it (the disclosure rule checks `withdrawn_on`).
    """
    case = Case.objects.select_related("client").get(pk=consent.case_id)
    require(can_withdraw_own_consent(actor, case), _("Only the client can withdraw their consent here."))
    _lock(consent)
    if consent.withdrawn_on is not None:
        return consent
    reason = _reason_checked(reason)
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawal_reason = reason
    consent.version += 1
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason", "version", "updated_at"])
    event_record(
        case=case,
        actor=actor,
        kind="consent_withdrawn",
        summary=f"Consent withdrawn by the client: {consent.purpose}",
        old={"status": "active"},
        new={"status": "withdrawn", "consent": str(consent.pk), "by": "client"},
    )
    log_change(actor=actor, case=case, object_type="consent", object_id=consent.pk)
    consent_expiry_reminders(consent=consent)  # cancels the pending reminders
    return consent
