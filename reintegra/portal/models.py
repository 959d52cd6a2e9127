"""Portal invites: a one-time, expiring link with which a client sets the password of their portal account."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models import Case, Client, Participant
from reintegra.core.models import BaseModel


class PortalInvite(BaseModel):
    """An invitation of a client to the client portal, or of a participant (employer contact,
    physician, works council, …) to the participants' portal, e-mailed by the case worker.

    Only the SHA-256 hash of the token is stored: the link is shown once and mailed once.
    It is valid for a week and for one use; a new invite of the same client closes the older
    open ones (`revoked_at`). Accepting it creates the client's portal account, or sets a new
    password for the account the client already has. A participant's invite (`participant` set,
    `client` empty) links the account to that participant when it is accepted.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="portal_invites")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="portal_invites", null=True, blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="portal_invites", null=True, blank=True
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    sent_to = models.EmailField(_("sent to"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["client", "used_at", "revoked_at"], name="portalinvite_open_idx"),
            models.Index(fields=["participant", "used_at", "revoked_at"], name="portalinvite_part_open_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(client__isnull=False, participant__isnull=True)
                | models.Q(client__isnull=True, participant__isnull=False),
                name="portalinvite_client_or_participant",
            )
        ]
        verbose_name = _("portal invite")
        verbose_name_plural = _("portal invites")

    def __str__(self) -> str:
        return f"Invite {self.client_id or self.participant_id} until {self.expires_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()
