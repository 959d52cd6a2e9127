"""Notifications (the in-app inbox and its e-mail outbox) and scheduled reminders.

Both are keyed: a `dedupe_key` names the event, so the same event never notifies
twice, and a reminder is delivered once per due time however often the worker runs.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel
from reintegra.notifications.kinds import render


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In-app inbox")
    EMAIL = "email", _("E-mail")


class EmailStatus(models.TextChoices):
    NOT_WANTED = "not_wanted", _("not wanted")
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("skipped (inactive account or no address)")


class Notification(BaseModel):
    """One message to one person: shown in their inbox (`in_app`) and/or sent by e-mail.

    `subject` and `params` hold no health detail (the subject may be shown in lists
    and `params` are stored in plain text); `body` may carry personal detail and is
    encrypted. The e-mail's own subject line is generic (see `emails.py`). An e-mail
    is claimed by a conditional UPDATE that stamps `emailed_at` on a pending one (a lease,
    see `tasks.notification_email_send`), so two workers never both send it; it is marked
    sent once it went out, and `emailed_at` then says when.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # A case's notifications go with the case (they may name its client).
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="notifications", null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=200)
    body = EncryptedTextField(_("text"), blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    in_app = models.BooleanField(_("in the inbox"), default=True)
    email_status = models.CharField(
        _("e-mail"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.NOT_WANTED
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    dedupe_key = models.CharField(_("event key"), max_length=200)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_unique_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "in_app", "-created_at", "-id"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"], condition=Q(in_app=True, read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(
                fields=["created_at"], condition=Q(email_status="pending"), name="notification_email_pending_idx"
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def display_subject(self) -> str:
        """The subject in the reader's language (the stored one for kinds without texts)."""
        return render(self.kind, self.params, self.subject, self.body)[0]

    @property
    def display_body(self) -> str:
        return render(self.kind, self.params, self.subject, self.body)[1]

    @property
    def channels(self) -> list[str]:
        wanted = [Channel.IN_APP.value] if self.in_app else []
        if self.email_status != EmailStatus.NOT_WANTED:
            wanted.append(Channel.EMAIL.value)
        return wanted


class ReminderState(models.TextChoices):
    PENDING = "pending", _("pending")
    CLAIMED = "claimed", _("being delivered")
    SENT = "sent", _("sent")
    CANCELLED = "cancelled", _("cancelled")


class Reminder(BaseModel):
    """A notification to deliver at `due_at` (consent expiring, review due, follow-up due, …).

    `dedupe_key` is unique: scheduling again with the same key moves the pending
    reminder instead of adding one. The worker claims a due reminder with a
    conditional UPDATE (pending → claimed) and proceeds only if it changed the row,
    so concurrent or repeated runs deliver it exactly once.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reminders", null=True, blank=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=64)
    due_at = models.DateTimeField(_("due at"))
    subject = models.CharField(_("subject"), max_length=200)
    body = EncryptedTextField(_("text"), blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("event key"), max_length=200, unique=True)
    state = models.CharField(_("state"), max_length=16, choices=ReminderState.choices, default=ReminderState.PENDING)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["due_at"], condition=Q(state="pending"), name="reminder_due_idx"),
            models.Index(fields=["case", "kind"], name="reminder_case_kind_idx"),
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.kind} {self.due_at:%Y-%m-%d %H:%M} ({self.state})"
