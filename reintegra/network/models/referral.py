"""Referrals: a client is sent to a provider of the directory, step by step, with a history.

proposed → sent → accepted | declined; accepted → started → completed; any state that is
not final may be cancelled. Final: declined, completed, cancelled.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel
from reintegra.core.storage import scan_storage


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


FINAL_STATUSES = frozenset({ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.CANCELLED})

# Where each state may go next (besides `cancelled`, allowed from every state that is not final).
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    ReferralStatus.PROPOSED: (ReferralStatus.SENT,),
    ReferralStatus.SENT: (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED),
    ReferralStatus.ACCEPTED: (ReferralStatus.STARTED,),
    ReferralStatus.STARTED: (ReferralStatus.COMPLETED,),
}


def allowed_next(status: str) -> tuple[str, ...]:
    """The states a referral in `status` may move to."""
    if status in FINAL_STATUSES:
        return ()
    return (*NEXT_STATUSES.get(status, ()), ReferralStatus.CANCELLED)


class Referral(BaseModel):
    """A referral of a case's client to a provider of the organisation's directory.

    `note` may hold health detail, so it is encrypted. The dates of each step are kept on
    the referral for lists; the full history is in `transitions`.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    provider = models.ForeignKey(
        "network.Provider", on_delete=models.PROTECT, related_name="referrals", verbose_name=_("provider")
    )
    measure = models.ForeignKey(
        "plans.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("measure"),
    )
    note = EncryptedTextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    sent_on = models.DateTimeField(_("sent on"), null=True, blank=True)
    accepted_on = models.DateTimeField(_("accepted on"), null=True, blank=True)
    declined_on = models.DateTimeField(_("declined on"), null=True, blank=True)
    started_on = models.DateTimeField(_("started on"), null=True, blank=True)
    completed_on = models.DateTimeField(_("completed on"), null=True, blank=True)
    cancelled_on = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    # The referral letter to the provider (PDF), written when the referral is sent; encrypted at rest
    # like consent scans (core/storage.py), erased with the case.
    letter = models.FileField(_("referral letter"), upload_to="referrals/%Y/", blank=True, storage=scan_storage)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="referral_case_created")]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.provider} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return allowed_next(self.status)


class ReferralTransition(BaseModel):
    """One step in a referral's history: from which state to which, by whom, when, with a note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=12, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ReferralStatus.choices)
    note = EncryptedTextField(_("note"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "created_at", "id"]
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"
