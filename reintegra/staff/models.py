"""Staff invitations and the record of what organisation admins did to people and units."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Unit
from reintegra.core.models import BaseModel


class StaffInvitation(BaseModel):
    """A one-time, expiring link with which an invited staff member sets their password.

    Only the SHA-256 of the token is stored; the link goes to the invitee by e-mail and is never
    shown to anyone else. A new invitation of the same person ends the older open ones.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_invitations")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    sent_to = models.EmailField(_("sent to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self) -> str:
        return f"Invitation {self.user_id} until {self.expires_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at <= timezone.now()


class AdminActionKind(models.TextChoices):
    INVITE = "invite", _("Invited")
    INVITE_AGAIN = "invite_again", _("Invitation sent again")
    CHANGE = "change", _("Details or roles changed")
    DEACTIVATE = "deactivate", _("Deactivated")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second factor reset")
    UNLOCK = "unlock", _("Unlocked")
    PASSWORD_RESET = "password_reset", _("Password reset link sent")
    UNIT_CREATE = "unit_create", _("Unit created")
    UNIT_RENAME = "unit_rename", _("Unit renamed")
    UNIT_CLOSE = "unit_close", _("Unit closed")
    ORGANISATION_CHANGE = "organisation_change", _("Organisation settings changed")


class AdminAction(BaseModel):
    """One thing an organisation admin did to a person or a unit, with the reason they gave.

    The access log records that it happened (object `user` or `unit`, action `change`); this
    row keeps what and why, shown on the person's page.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="admin_actions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("action"), max_length=32, choices=AdminActionKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("admin action")
        verbose_name_plural = _("admin actions")

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id or self.unit_id}"
