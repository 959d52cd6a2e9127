"""Legal holds and the deletion log.

A closed case is in exactly one of three states: retained (waiting for its `due_on`), on hold
(a `LegalHold` row: never erased), or erased — then the case and everything about the person
are gone and an `Erasure` row (no personal data) plus the access log's `delete` entry remain.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class LegalHold(BaseModel):
    """A hold on one case set by the data-protection role: the case is not erased while it stands."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="legal_hold")
    reason = EncryptedTextField(_("reason"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"hold {self.case_id}"


class ErasureKind(models.TextChoices):
    RETENTION = "retention", _("retention period ended")
    REQUEST = "request", _("early erasure on request")


class Erasure(models.Model):
    """One erased case in the deletion log: which case (by id and reference), when, why, by whom.

    Holds no personal data of the client: the case id and reference no longer lead anywhere.
    `reason` is the data-protection officer's note for an early erasure (encrypted; it should
    not name the person).
    """

    id = models.UUIDField(primary_key=True, editable=False)  # the erased case's id
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(_("reference"), max_length=40)
    case_type_key = models.SlugField(_("case type"), max_length=40)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    kind = models.CharField(_("why"), max_length=16, choices=ErasureKind.choices)
    reason = EncryptedTextField(_("reason"), blank=True)
    erased_at = models.DateTimeField(_("erased at"))
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    files_deleted = models.PositiveIntegerField(_("files deleted"), default=0)

    class Meta:
        ordering = ["-erased_at"]
        indexes = [models.Index(fields=["organisation", "-erased_at"], name="erasure_org_at_idx")]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.reference} erased {self.erased_at:%Y-%m-%d}"
