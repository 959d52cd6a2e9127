"""Appreciative Inquiry, the 4-D cycle: Discovery, Dream, Design, Destiny."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel
from reintegra.introduce.models.choices import STAGE_OF_STATEMENT, ActionStatus, Stage, StatementKind
from reintegra.introduce.models.project import ImplementationProject


class InterviewQuestion(BaseModel):
    """A question of the Discovery interview guide: what already works?"""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="interview_questions")
    text = models.CharField(_("question"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("interview question")
        verbose_name_plural = _("interview questions")

    def __str__(self) -> str:
        return self.text


class Interview(BaseModel):
    """A Discovery interview record. The notes may name people, so they are encrypted."""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="interviews")
    interviewee = models.CharField(
        _("interviewee"), max_length=200, help_text=_("A function or team is enough, e.g. “Team lead Basel”.")
    )
    conducted_on = models.DateField(_("conducted on"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    notes = EncryptedTextField(_("findings"), blank=True)

    class Meta:
        ordering = ["-conducted_on", "-created_at"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return f"{self.interviewee} ({self.conducted_on})"


class Statement(BaseModel):
    """A vision (Dream), or a principle or future picture (Design)."""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=16, choices=StatementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["kind", "created_at"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.title

    @property
    def stage(self) -> Stage:
        return STAGE_OF_STATEMENT[StatementKind(self.kind)]


class ActionItem(BaseModel):
    """A step of the Destiny action plan: who does what by when."""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Past its due date and neither done nor dropped."""
        open_states = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        return self.due_on is not None and self.due_on < timezone.localdate() and self.status in open_states
