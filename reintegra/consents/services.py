"""Recording and withdrawing consents."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.cases.models import Case, Participant
from reintegra.cases.services.common import ensure_case_worker, ensure_open, event_record, log_change
from reintegra.consents.models import Consent, ConsentForm, Purpose
from reintegra.notifications.standard import consent_expiry_reminders


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
    scan: Any = None,
) -> Consent:
    ensure_case_worker(actor)
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
    if scan and form != ConsentForm.WRITTEN:
        errors["scan"] = ["Only a written consent can carry a scan."]
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
    if scan:
        consent.scan = scan
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


@transaction.atomic
def consent_withdraw(*, actor: User, case: Case, consent: Consent, reason: str = "") -> Consent:
    """Withdrawal takes effect at once. Withdrawing twice changes nothing."""
    if consent.withdrawn_on is not None:
        return consent
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawal_reason = reason or ""
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
def consent_scan_attach(*, actor: User, case: Case, consent: Consent, scan: Any) -> Consent:
    """Attach the signed scan of a written consent (PDF, PNG or JPEG, at most 5 MB)."""
    from reintegra.consents.uploads import sniff_scan

    ensure_case_worker(actor)
    ensure_open(case)
    if consent.form != ConsentForm.WRITTEN:
        raise ValidationError({"scan": ["Only a written consent can carry a scan."]})
    _content_type, extension = sniff_scan(scan)
    consent.scan.save(f"consent-{consent.pk}.{extension}", scan, save=False)
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
    return consent


@transaction.atomic
def consent_withdraw_by_client(*, actor: User, consent: Consent, reason: str = "") -> Consent:
    """The client withdraws one of their own consents in the client portal; it takes effect at once.

    Only the client whose portal account is linked to the case (`Client.user`) may do this:
    anyone else gets 403. Withdrawing twice changes nothing. Disclosure to participants that
    rested on the consent ends with it (the disclosure rule checks `withdrawn_on`).
    """
    from reintegra.accounts.models import Role
    from reintegra.accounts.selectors import user_has_role
    from reintegra.core.exceptions import PermissionDenied

    case = Case.objects.select_related("client").get(pk=consent.case_id)
    if (
        not getattr(actor, "is_authenticated", False)
        or case.client.user_id != actor.pk
        or case.organisation_id != actor.organisation_id
        or not user_has_role(actor, Role.CLIENT)
    ):
        raise PermissionDenied("Only the client can withdraw their consent here.")
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        return consent
    if len(reason or "") > 5000:
        raise ValidationError({"reason": ["Keep the reason under 5000 characters."]})
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawal_reason = (reason or "").strip()
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
