"""Questionnaires as data: definitions (items, options, scoring rule, bands) and responses per case.

An instrument is never code. The Work Ability Index and the product's own satisfaction
questionnaire are shipped as rows by a data migration (organisation empty = shipped to
every organisation); an organisation adds its own instruments (e.g. one it holds a
licence for) through the API or the admin page. The scoring rule is a small arithmetic
expression over item keys, checked and evaluated by `reintegra.questionnaires.scoring`.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.cases.models import Case, PhaseKey
from reintegra.core.models import BaseModel
from reintegra.questionnaires.fields import EncryptedJSONField

# Item keys are the names a scoring expression uses: lower-case identifiers.
ITEM_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class ItemKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("single choice")
    NUMBER = "number", _("number")
    TEXT = "text", _("text")


class RespondentKind(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    CLIENT = "client", _("client")
    PARTICIPANT = "participant", _("participant")


class Questionnaire(BaseModel):
    """An instrument: its items, a scoring expression over their values, and the score bands.

    `organisation` empty: shipped with the product, visible to every organisation.
    `instrument_version` is the edition of the instrument (free text); `version` (from
    BaseModel) is the row's optimistic-locking counter. `phase` names the case phase a
    recorded response belongs to (it becomes in progress when the first response is saved).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="questionnaires"
    )
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    licence_note = models.TextField(_("licence note"), blank=True)
    instrument_version = models.CharField(_("edition of the instrument"), max_length=80, blank=True)
    language = models.CharField(_("language of the wording"), max_length=8, default="de")
    phase = models.CharField(_("phase"), max_length=16, choices=PhaseKey.choices, blank=True)
    scoring = models.TextField(_("scoring expression"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="questionnaire_unique_org_key"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(organisation__isnull=True), name="questionnaire_unique_shipped_key"
            ),
        ]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.name

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the shipped satisfaction questionnaire has fr/it/en)."""
        from reintegra.questionnaires.wording import questionnaire_name

        return questionnaire_name(self)


class Item(BaseModel):
    """One question. Single-choice answers must be one of the item's option values."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    key = models.CharField(_("key"), max_length=40)
    text = models.TextField(_("question"))
    hint = models.CharField(_("hint"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    required = models.BooleanField(_("required"), default=True)
    min_value = models.DecimalField(_("lowest number"), max_digits=10, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("highest number"), max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["questionnaire", "order"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="item_unique_key")]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.key


class Option(BaseModel):
    """One answer of a single-choice item and the value the scoring expression sees for it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("label"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["item", "order"]
        constraints = [models.UniqueConstraint(fields=["item", "value"], name="option_unique_value")]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return f"{self.label} ({self.value})"


class Band(BaseModel):
    """A score range (min inclusive, max exclusive or open) with what it calls for."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="bands")
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    min_score = models.DecimalField(_("from (inclusive)"), max_digits=10, decimal_places=2)
    max_score = models.DecimalField(_("below (exclusive)"), max_digits=10, decimal_places=2, null=True, blank=True)
    action = models.TextField(_("action"), blank=True)

    class Meta:
        ordering = ["questionnaire", "min_score"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="band_unique_key")]
        verbose_name = _("band")
        verbose_name_plural = _("bands")

    def __str__(self) -> str:
        return self.label


class Response(BaseModel):
    """A filled-in questionnaire for a case, with the score and band computed when it was recorded.

    `answers` maps item keys to values and is encrypted (it can hold health detail);
    score and band stay plain for reporting. `declined` marks a questionnaire the
    respondent declined to answer (then it has no answers, score or band).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="questionnaire_responses")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="responses")
    answered_on = models.DateField(_("answered on"))
    respondent_kind = models.CharField(
        _("answered by"), max_length=16, choices=RespondentKind.choices, default=RespondentKind.CLIENT
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answers = EncryptedJSONField(_("answers"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=10, decimal_places=2, null=True, blank=True)
    band = models.ForeignKey(Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    declined = models.BooleanField(_("declined"), default=False)

    class Meta:
        ordering = ["-answered_on", "-created_at"]
        indexes = [models.Index(fields=["case", "-answered_on"], name="qresponse_case_idx")]
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")

    def __str__(self) -> str:
        return f"{self.questionnaire_id} {self.answered_on}"


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    REPLACED = "replaced", _("replaced by a newer link")


class SurveyInvitation(BaseModel):
    """A one-time, expiring link that lets a client (or a participant) answer a questionnaire without login.

    Only the SHA-256 of the random token is stored (like a password-reset token): the
    link is shown once, when it is made, and looked up by its hash, never listed.
    `used_at` is set when the link was answered or declined (`declined`); `revoked_at`
    when a newer link for the same respondent and questionnaire replaced it.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="survey_invitations")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="survey_invitations")
    respondent_kind = models.CharField(
        _("respondent"), max_length=16, choices=RespondentKind.choices, default=RespondentKind.CLIENT
    )
    participant = models.ForeignKey(
        "cases.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_invitations"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    declined = models.BooleanField(_("declined"), default=False)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    response = models.OneToOneField(
        Response, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_invitation"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "questionnaire", "-created_at"], name="survey_case_idx")]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.questionnaire_id} {self.respondent_kind} {self.created_at:%Y-%m-%d}"

    def status_at(self, now: Any) -> str:
        if self.used_at is not None:
            return InvitationStatus.DECLINED if self.declined else InvitationStatus.ANSWERED
        if self.revoked_at is not None:
            return InvitationStatus.REPLACED
        if self.expires_at <= now:
            return InvitationStatus.EXPIRED
        return InvitationStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)
