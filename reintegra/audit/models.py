"""The access log: an append-only record of every access to personal data.

It lives in its own database (alias `audit`) so that it is kept apart from the
case data (Swiss DSV Art. 4). It holds ids and usernames, never case content,
and refers to users and cases by value, not by foreign key (they live in the
other database).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.audit.labels import object_type_label


class AccessAction(models.TextChoices):
    READ = "read", _("read")
    CHANGE = "change", _("change")
    DISCLOSE = "disclose", _("disclose")
    EXPORT = "export", _("export")
    DELETE = "delete", _("delete")
    DENIED = "denied", _("denied")


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: object) -> int:
        raise TypeError("The access log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The access log is append-only; use the retention job.")


class AccessLogEntry(models.Model):
    """One access to personal data: who, what action, which object and case, when, from where."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("at"), db_index=True)
    user_id = models.CharField(_("user id"), max_length=64, blank=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    organisation_id = models.CharField(_("organisation id"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=AccessAction.choices)
    object_type = models.CharField(_("object"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    case_id = models.CharField(_("case id"), max_length=64, blank=True, db_index=True)
    recipient = models.CharField(_("recipient"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        # The log page and API read one organisation's (or one case's) entries newest first.
        indexes = [
            models.Index(fields=["organisation_id", "-at"], name="access_log_org_at_idx"),
            models.Index(fields=["case_id", "-at"], name="access_log_case_at_idx"),
        ]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '-'} {self.action} {self.object_type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise TypeError("The access log is append-only; use the retention job.")

    @property
    def object_type_label(self) -> str:
        """What the object is, in the reader's language (the stored key is never shown on a page)."""
        return object_type_label(self.object_type)
