"""State changes of referrals: propose one, move it along its allowed steps."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.cases.services.common import ensure_case_worker, ensure_open, event_record, log_change, phase_touch
from reintegra.consents.selectors import has_active_consent
from reintegra.network.models import Provider, Referral, ReferralStatus, ReferralTransition, allowed_next

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


def _check_provider(case: Case, provider: Provider | None) -> None:
    if provider is None or provider.organisation_id != case.organisation_id or not provider.active:
        raise ValidationError({"provider": [_("Choose an active provider of your organisation's directory.")]})


def _check_measure(case: Case, measure: Any) -> None:
    if measure is not None and measure.case_id != case.pk:
        raise ValidationError({"measure": [_("Choose a measure of this case.")]})


@transaction.atomic
def referral_create(
    *, actor: Any, case: Case, provider: Provider | None, measure: Any = None, note: str = ""
) -> Referral:
    """Propose a referral; the monitoring phase is then in progress."""
    ensure_case_worker(actor)
    ensure_open(case)
    _check_provider(case, provider)
    _check_measure(case, measure)
    now = timezone.now()
    referral = Referral(case=case, provider=provider, measure=measure, note=(note or "").strip(), created_by=actor)
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
def referral_transition(*, actor: Any, case: Case, referral: Referral, to: str, note: str = "") -> Referral:
    """Move a referral to `to` if that step is allowed; sending needs consent and is logged as a disclosure."""
    ensure_case_worker(actor)
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
        access_log_write(
            user=actor,
            action=AccessAction.DISCLOSE,
            object_type="referral",
            object_id=referral.pk,
            case_id=case.pk,
            recipient=referral.provider.name,
        )
    return referral
