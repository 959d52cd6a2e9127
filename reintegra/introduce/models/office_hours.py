"""Office hours (Sprechstunde) about the rollout: sessions and sign-ups without an account."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class OfficeHourSession(BaseModel):
    """One open office hour: when, where (a place or an online link), how many people.

    `seats_taken` is a counter changed only by conditional updates, so that the
    capacity holds when many people sign up at the same time.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="office_hours")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        max_length=500,
        help_text=_("Sent only to people who signed up, in the confirmation and the reminder."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    seats_taken = models.PositiveSmallIntegerField(_("seats taken"), default=0, editable=False)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host"),
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats_taken__lte=models.F("capacity")), name="introduce_session_within_capacity"
            )
        ]
        verbose_name = _("office hour")
        verbose_name_plural = _("office hours")

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


class OfficeHourSignup(BaseModel):
    """A person signed up for a session by e-mail, optionally with a question in advance.

    With `anonymous` the question is shown to the host without name or e-mail. A sign-up counts
    (a seat, the host's list, reminders) only once confirmed through the e-mailed link.
    """

    session = models.ForeignKey(OfficeHourSession, on_delete=models.CASCADE, related_name="signups")
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    question = EncryptedTextField(_("question in advance"), blank=True)
    anonymous = models.BooleanField(_("ask my question anonymously"), default=False)
    language = models.CharField(max_length=8, default="de")
    link_base = models.CharField(
        max_length=300, blank=True, help_text="Scheme and host the person signed up on, for links in e-mails."
    )
    # Double opt-in: a sign-up takes a seat only once the person confirmed it through the link
    # sent to the address (`confirmed_at`); until then it is pending and seen by nobody.
    confirm_requested_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(cancelled_at__isnull=True),
                name="introduce_signup_once_per_session",
            )
        ]
        verbose_name = _("office hour sign-up")
        verbose_name_plural = _("office hour sign-ups")

    def __str__(self) -> str:
        return f"{self.session} – {self.email}"
