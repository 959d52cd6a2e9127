"""What a case records along the cycle: intake, participants, incapacity, timeline, notes, closure, evaluation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.cases.models.case import Case
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("admitted")
    NOT_ADMITTED = "not_admitted", _("not admitted")


class Intake(models.Model):
    """The intake record (Aufnahme klären): criteria, decision, information, cooperation.

    Part of the case: its changes carry and bump the case's version.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="intake", primary_key=True)
    criteria_met = models.BooleanField(_("criteria met"), null=True)
    criteria_answers = models.JSONField(_("criteria answers"), default=list, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = EncryptedTextField(_("reason for the decision"), blank=True)
    client_informed = models.BooleanField(_("client informed"), default=False)
    commissioning_party_disclosed = models.BooleanField(_("commissioning party disclosed"), default=False)
    cooperation_agreed = models.BooleanField(_("cooperation agreed"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return f"Intake {self.case_id}"


class ParticipantRole(models.TextChoices):
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    PHYSICIAN = "physician", _("Physician")
    INSURER = "insurer", _("Insurer")
    WORKS_COUNCIL = "works_council", _("Works council")
    DISABILITY_REP = "disability_rep", _("Disability representative")
    FAMILY = "family", _("Family")
    PROVIDER = "provider", _("Provider")
    OTHER = "other", _("Other")


class Participant(BaseModel):
    """A person involved in the case (Beteiligte), optionally linked to a portal account."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("role"), max_length=20, choices=ParticipantRole.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
        help_text=_("Letters and e-mails to this person in this language."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class IncapacityPeriod(BaseModel):
    """A period of incapacity for work; these decide BEM / IV eligibility."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="incapacity_periods")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    percent = models.PositiveSmallIntegerField(_("incapacity in percent"))
    certificate = models.BooleanField(_("medical certificate"), default=False)

    class Meta:
        ordering = ["-start"]
        verbose_name = _("period of incapacity")
        verbose_name_plural = _("periods of incapacity")

    def __str__(self) -> str:
        return f"{self.start}–{self.end or '…'} {self.percent}%"


class IncapacityCorrection(BaseModel):
    """One correction of a period of incapacity (ended, percent or certificate changed): the
    values before and after, who and why. The period's history; never changed or deleted."""

    period = models.ForeignKey(IncapacityPeriod, on_delete=models.CASCADE, related_name="corrections")
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    old = models.JSONField(_("old values"), default=dict)
    new = models.JSONField(_("new values"), default=dict)

    class Meta:
        ordering = ["at", "created_at"]
        verbose_name = _("correction of a period of incapacity")
        verbose_name_plural = _("corrections of periods of incapacity")

    def __str__(self) -> str:
        return f"{self.period_id} {self.at:%Y-%m-%d}"


class CaseEvent(models.Model):
    """One entry of the case timeline, written explicitly by the service that changed the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40)
    summary = models.CharField(_("summary"), max_length=300)
    old = models.JSONField(_("old values"), null=True, blank=True)
    new = models.JSONField(_("new values"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="caseevent_case_at_idx")]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class NoteKind(models.TextChoices):
    NOTE = "note", _("Note")
    CONTACT = "contact", _("Contact")
    CASE_CONFERENCE = "case_conference", _("Case conference")
    AFTERCARE = "aftercare", _("Aftercare note")


class CaseNote(BaseModel):
    """A progress note, a contact, a case conference (who was present, what was decided) or an aftercare note."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices, default=NoteKind.NOTE)
    text = EncryptedTextField(_("text"))
    decisions = EncryptedTextField(_("decisions"), blank=True)
    present = models.ManyToManyField(Participant, blank=True, related_name="conferences", verbose_name=_("present"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField(_("date"))
    # Read only by the case manager and the deputy (not team leads, not the unit).
    restricted = models.BooleanField(_("restricted"), default=False)

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class NoteAmendment(BaseModel):
    """A note's earlier wording, kept when the note is amended (notes are never silently edited)."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="amendments")
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    previous_text = EncryptedTextField(_("earlier wording"))

    class Meta:
        ordering = ["at", "created_at"]
        verbose_name = _("amendment of a note")
        verbose_name_plural = _("amendments of notes")

    def __str__(self) -> str:
        return f"{self.note_id} {self.at:%Y-%m-%d}"


class ClosureReason(models.TextChoices):
    GOALS_ACHIEVED = "goals_achieved", _("Goals achieved")
    CLIENT_WITHDREW = "client_withdrew", _("Client withdrew")
    DECLINED = "declined", _("Offer declined")
    NO_RESPONSE = "no_response", _("No response")
    NOT_ADMITTED = "not_admitted", _("Not admitted")
    TRANSFERRED = "transferred", _("Transferred")
    OTHER = "other", _("Other")


class Closure(BaseModel):
    """How a case was closed (or is waiting for a team lead's approval to close)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReason.choices)
    agreed_with_client = models.BooleanField(_("agreed with the client"))
    note = EncryptedTextField(_("note"), blank=True)
    override_reason = EncryptedTextField(_("reason for closing without a done evaluation"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reopened_on = models.DateField(_("reopened on"), null=True, blank=True)
    reopen_reason = EncryptedTextField(_("reason for reopening"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # At most one closure waiting for approval per case: `case_close` checks first for a
            # clear message, and this makes the check-then-insert race impossible.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(closed_on__isnull=True, approved_by__isnull=True),
                name="closure_one_pending_per_case",
            ),
        ]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self) -> str:
        return f"{self.case_id} {self.reason}"

    @property
    def pending(self) -> bool:
        return self.closed_on is None and self.approved_by_id is None


class Satisfaction(models.TextChoices):
    ASKED = "asked", _("asked")
    DECLINED = "declined", _("declined by the client")


class Evaluation(models.Model):
    """The evaluation (Ergebnisse bewerten): final GAS rating per goal, outcome, summary, aftercare.

    Part of the case: its changes carry and bump the case's version.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="evaluation", primary_key=True)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)
    final_ratings = models.JSONField(_("final ratings"), default=list, blank=True)
    t_score = models.FloatField(_("GAS T-score"), null=True, blank=True)
    summary = EncryptedTextField(_("summary"), blank=True)
    aftercare_needed = models.BooleanField(_("aftercare needed"), null=True)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=10, choices=Satisfaction.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"Evaluation {self.case_id}"
