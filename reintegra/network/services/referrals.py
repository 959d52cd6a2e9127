"""State changes of referrals: propose one, move it along its allowed steps.

A referral may serve a measure of the case's plan. The network app does not import the plans
app (plans depend on network: a measure names a provider); it takes the measure's id and finds
it through the case (`case.measures`, the reverse side of the plan's foreign key).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.cases.services.common import ensure_open, event_record, log_change, phase_touch
from reintegra.consents.selectors import has_active_consent
from reintegra.core.permissions import require
from reintegra.network.letters import referral_letter_write
from reintegra.network.models import Provider, Referral, ReferralStatus, ReferralTransition, allowed_next
from reintegra.network.permissions import can_change_referrals

CONSENT_PURPOSE = "share_with_provider"
# The date field each state sets on the referral.
STATUS_DATE_FIELD: dict[str, str] = {
    ReferralStatus.SENT: "sent_on",
    ReferralStatus.ACCEPTED: "accepted_on",
    ReferralStatus.DECLINED: "declined_on",
    ReferralStatus.STARTED: "started_on",
    ReferralStatus.COMPLETED: "completed_on",
    ReferralStatus.CANCELLED: "cancelled_on",
}


NOT_ALLOWED = "Only case managers and team leads may change cases."


def _uuid(value: uuid.UUID | str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def _provider_of(case: Case, provider_id: uuid.UUID | str) -> Provider:
    """An active provider of the case's organisation's directory (400 naming `provider` otherwise)."""
    pk = _uuid(provider_id)
    provider = Provider.objects.filter(pk=pk, organisation_id=case.organisation_id, active=True).first() if pk else None
    if provider is None:
        raise ValidationError({"provider": [_("Choose an active provider of your organisation's directory.")]})
    return provider


def _measure_id_of(case: Case, measure_id: uuid.UUID | str | None) -> uuid.UUID | None:
    """The id of one of the case's measures, or None (400 naming `measure` for any other id)."""
    if measure_id in (None, ""):
        return None
    pk = _uuid(measure_id)
    if pk is None or not case.measures.filter(pk=pk).exists():
        raise ValidationError({"measure": [_("Choose a measure of this case.")]})
    return pk


@transaction.atomic
def referral_create(
    *,
    actor: User,
    case: Case,
    provider_id: uuid.UUID | str,
    measure_id: uuid.UUID | str | None = None,
    note: str = "",
) -> Referral:
    """Propose a referral to a provider of the directory, optionally for one of the case's
    measures (both by id, checked here); the monitoring phase is then in progress."""
    require(can_change_referrals(actor), NOT_ALLOWED)
    ensure_open(case)
    provider = _provider_of(case, provider_id)
    referral = Referral(
        case=case,
        provider=provider,
        measure_id=_measure_id_of(case, measure_id),
        note=(note or "").strip(),
        created_by=actor,
    )
    now = timezone.now()
    referral.full_clean()
    referral.save()
    ReferralTransition.objects.create(
        referral=referral, from_status="", to_status=ReferralStatus.PROPOSED, note="", actor=actor, at=now
    )
    event_record(
        case=case,
        actor=actor,
        kind="referral_proposed",
        summary=f"Referral proposed: {provider}",
        new={"referral": str(referral.pk), "provider": str(referral.provider_id), "status": referral.status},
    )
    log_change(actor=actor, case=case, object_type="referral", object_id=referral.pk)
    phase_touch(case=case, key="monitoring")
    return referral


@transaction.atomic
def referral_transition(*, actor: User, case: Case, referral: Referral, to: str, note: str = "") -> Referral:
    """Move a referral to `to` if that step is allowed; sending needs consent, writes the referral letter
    (network.letters) and is logged as a disclosure."""
    require(can_change_referrals(actor), NOT_ALLOWED)
    ensure_open(case)
    referral = Referral.objects.select_for_update().select_related("provider").get(pk=referral.pk, case=case)
    old = referral.status
    if to not in allowed_next(old):
        allowed = ", ".join(allowed_next(old)) or _("none, the referral is finished")
        raise ValidationError(
            {
                "to": [
                    _("A referral that is %(old)s cannot become %(to)s. Allowed: %(allowed)s.")
                    % {"old": old, "to": to, "allowed": allowed}
                ]
            }
        )
    if to == ReferralStatus.SENT and not has_active_consent(case, CONSENT_PURPOSE):
        raise ValidationError({"to": [_("Record the client's consent to share with providers first.")]})
    now = timezone.now()
    referral.status = to
    setattr(referral, STATUS_DATE_FIELD[to], now)
    referral.version += 1
    referral.save(update_fields=["status", STATUS_DATE_FIELD[to], "version", "updated_at"])
    ReferralTransition.objects.create(
        referral=referral, from_status=old, to_status=to, note=(note or "").strip(), actor=actor, at=now
    )
    event_record(
        case=case,
        actor=actor,
        kind=f"referral_{to}",
        summary=f"Referral {to}: {referral.provider}",
        old={"referral": str(referral.pk), "status": old},
        new={"referral": str(referral.pk), "status": to},
    )
    log_change(actor=actor, case=case, object_type="referral", object_id=referral.pk)
    if to == ReferralStatus.SENT:
        referral.case = case
        referral_letter_write(referral)  # the letter to the provider, stored with the referral
        access_log_write(
            user=actor,
            action=AccessAction.DISCLOSE,
            object_type="referral",
            object_id=referral.pk,
            case_id=case.pk,
            recipient=referral.provider.name,
        )
    return referral
