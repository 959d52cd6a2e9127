"""Anonymous first contact: a thread between a person without a name and case management.

Nothing here identifies the person until they choose to give their name (with an explicit
consent to open a case). The code that finds a thread is stored only as its SHA-256, the
passphrase only as a Django password hash; message text is encrypted at rest. No address,
browser detail or cookie id is stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel

# Longest message accepted, in characters (API.md: over 5,000 is refused).
MESSAGE_MAX_LENGTH = 5000


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


class Sender(models.TextChoices):
    PERSON = "person", _("Person asking")
    CASE_MANAGEMENT = "case_management", _("Case management")


class Inquiry(BaseModel):
    """One anonymous thread with an organisation's case management, found by its code and passphrase."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="inquiries")
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    passphrase_hash = models.CharField(max_length=256, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=InquiryStatus.choices, default=InquiryStatus.OPEN)
    last_message_at = models.DateTimeField(_("last message"), db_index=True)
    internal_note = EncryptedTextField(_("internal note"), blank=True)
    # Given by the person in the thread, only together with the consent to open a case.
    first_name = EncryptedTextField(_("first name"), blank=True)
    last_name = EncryptedTextField(_("last name"), blank=True)
    contact = EncryptedTextField(_("how to reach me"), blank=True)
    consented_at = models.DateTimeField(_("consent to open a case given"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiry", editable=False
    )

    class Meta:
        indexes = [models.Index(fields=["organisation", "status", "-last_message_at"], name="inquiry_inbox_idx")]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {str(self.pk)[:8]}"

    @property
    def consented(self) -> bool:
        return self.consented_at is not None


class InquiryMessage(BaseModel):
    """One message of a thread: from the person asking, or a reply from case management."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("from"), max_length=16, choices=Sender.choices)
    text = EncryptedTextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.get_sender_display()} {self.created_at:%Y-%m-%d %H:%M}"
