"""Consents: per purpose and recipient, oral or written, with validity and withdrawal."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import Case, Participant
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel
from reintegra.core.storage import scan_storage


class Purpose(models.TextChoices):
    DATA_COLLECTION = "data_collection", _("Data collection")
    SHARE_WITH_EMPLOYER = "share_with_employer", _("Share with the employer")
    SHARE_WITH_PHYSICIAN = "share_with_physician", _("Share with the physician")
    SHARE_WITH_INSURER = "share_with_insurer", _("Share with the insurer")
    SHARE_WITH_WORKS_COUNCIL = "share_with_works_council", _("Share with the works council")
    SHARE_WITH_PROVIDER = "share_with_provider", _("Share with providers")
    SHARE_WITH_PARTICIPANT = "share_with_participant", _("Share with a participant")


class ConsentForm(models.TextChoices):
    ORAL = "oral", _("oral")
    WRITTEN = "written", _("written")


class ConsentStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")


class Consent(BaseModel):
    """The client's consent to one purpose (and, for share_with_participant, one participant)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="consents"
    )
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    scope = EncryptedTextField(_("scope"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = EncryptedTextField(_("reason for withdrawal"), blank=True)
    # Encrypted at rest (core/storage.py); a replaced scan is deleted once the change committed.
    scan = models.FileField(_("signed scan"), upload_to="consents/%Y/", blank=True, storage=scan_storage)

    class Meta:
        ordering = ["-given_on", "-created_at"]
        indexes = [models.Index(fields=["case", "purpose"], name="consent_case_purpose_idx")]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    def status_on(self, day: date) -> str:
        if self.withdrawn_on is not None:
            return ConsentStatus.WITHDRAWN
        if self.valid_until is not None and self.valid_until < day:
            return ConsentStatus.EXPIRED
        return ConsentStatus.ACTIVE
