"""The case, its client, its type and its five phases."""

import unicodedata
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Unit
from reintegra.cases.ahv import ahv_compact, ahv_format, ahv_validate
from reintegra.cases.querysets import CaseQuerySet
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel


class PhaseKey(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ASSESSMENT = "assessment", _("Situation & needs")
    PLANNING = "planning", _("Goals & measures")
    MONITORING = "monitoring", _("Implementation & monitoring")
    EVALUATION = "evaluation", _("Evaluation & closure")


PHASE_ORDER = [key.value for key in PhaseKey]

# Retention defaults (organisation admins change them per case type).
DEFAULT_RETENTION_AFTER_CLOSURE_DAYS = 1095  # three years after closure (BEM)
DEFAULT_RETENTION_NOT_ADMITTED_DAYS = 30


class CaseType(BaseModel):
    """A kind of case an organisation runs (BEM, IV early detection, general), configured as data.

    `criteria` are the intake questions; `checklist` maps each phase to the item keys
    that must exist before the phase counts as done; `outcomes` are the allowed
    evaluation outcomes.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="case_types")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    reference_prefix = models.CharField(_("reference prefix"), max_length=12)
    criteria = models.JSONField(_("intake criteria"), default=list, blank=True)
    checklist = models.JSONField(_("required records per phase"), default=dict, blank=True)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    information_text = models.TextField(_("information for the client"), blank=True)
    trigger_days = models.PositiveIntegerField(_("incapacity trigger (days in 12 months)"), null=True, blank=True)
    requires_closure_approval = models.BooleanField(_("closure needs a team lead's approval"), default=False)
    active = models.BooleanField(_("active"), default=True)
    # How long a closed case is kept before the daily retention run erases it (reintegra.retention):
    # from the closing date, `retention_not_admitted_days` when it was not admitted or the offer was
    # declined, else `retention_after_closure_days` (BEM: three years, as the invitation promises).
    retention_after_closure_days = models.PositiveIntegerField(
        _("keep closed cases for (days)"), default=DEFAULT_RETENTION_AFTER_CLOSURE_DAYS
    )
    retention_not_admitted_days = models.PositiveIntegerField(
        _("keep cases not admitted or declined for (days)"), default=DEFAULT_RETENTION_NOT_ADMITTED_DAYS
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="casetype_unique_key")]
        verbose_name = _("case type")
        verbose_name_plural = _("case types")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (shipped types keep their key; see cases.case_types)."""
        from reintegra.cases.case_types import case_type_label

        return case_type_label(self)

    @property
    def short_label(self) -> str:
        """The same, short where the shipped type has a short name (tables)."""
        from reintegra.cases.case_types import case_type_label

        return case_type_label(self, short=True)

    @property
    def criteria_shown(self) -> list[str]:
        """The intake criteria in the reader's language while they are the shipped ones."""
        from reintegra.cases.case_types import case_type_criteria

        return case_type_criteria(self)

    @property
    def information_text_shown(self) -> str:
        """The information for the client in the reader's language while it is the shipped text."""
        from reintegra.cases.case_types import case_type_information_text

        return case_type_information_text(self)


class Client(BaseModel):
    """The person the case is about (Zielperson). Names stay searchable; contact data is plain text."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="clients")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The address block of letters to the client (one line per line) and the language of their
    # letters, PDFs and e-mails (empty: the organisation's default, German).
    postal_address = models.TextField(_("postal address"), blank=True, default="")
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
        help_text=_("Letters and e-mails to this person in this language."),
    )
    # Optional Swiss social security number (AHV/AVS), kept compact (13 digits) and encrypted.
    ahv_number = EncryptedTextField(_("AHV number"), blank=True, default="", validators=[ahv_validate])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="client_profile",
    )
    # The names folded for search (lower case, no accents: "Müller" -> "muller"), kept by save().
    search_first_name = models.CharField(max_length=100, blank=True, editable=False, default="")
    search_last_name = models.CharField(max_length=100, blank=True, editable=False, default="")

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["organisation", "last_name", "first_name"], name="client_name_idx"),
            models.Index(fields=["organisation", "search_last_name"], name="client_search_last_idx"),
            models.Index(fields=["organisation", "search_first_name"], name="client_search_first_idx"),
        ]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def ahv_display(self) -> str:
        return ahv_format(self.ahv_number)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_first_name = fold_name(self.first_name)
        self.search_last_name = fold_name(self.last_name)
        self.ahv_number = ahv_compact(self.ahv_number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_first_name", "search_last_name"}
        super().save(*args, **kwargs)


def fold_name(value: str | None) -> str:
    """A name as search compares it: case-folded, accents and umlauts reduced to the base letter."""
    decomposed = unicodedata.normalize("NFKD", (value or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))[:100]


class CaseStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class CommissioningKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    INSURER = "insurer", _("Insurer")
    AUTHORITY = "authority", _("Authority")
    OTHER = "other", _("Other")


class Case(BaseModel):
    """One client's case: who is responsible, the commissioning party, and the five phases."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases", null=True, blank=True)
    case_manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_cases")
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="deputised_cases",
        null=True,
        blank=True,
    )
    reference = models.CharField(_("reference"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    summary = EncryptedTextField(_("summary"), blank=True)
    commissioning_party_name = models.CharField(_("commissioning party"), max_length=200, blank=True)
    commissioning_party_kind = models.CharField(
        _("kind of commissioning party"), max_length=16, choices=CommissioningKind.choices, blank=True
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Maintained by the write path's last step (`services.common.case_touch`, called by
    # `event_record`), never by forms: the time of the newest timeline entry (for "recent
    # activity"), and the stored results of the checklist items that read large relations
    # (null: not known yet, computed on read without storing), with a revision that every
    # change increments.
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    checklist_state = models.JSONField(null=True, blank=True, editable=False)
    checklist_rev = models.PositiveIntegerField(default=0, editable=False)
    # The phases in progress, in cycle order, each between bars ("|assessment|planning|"; "" for
    # none): the list's phase filter reads the case row instead of a phase look-up per case.
    # Kept by the write path's last step (`case_touch`) from the `CasePhase` rows.
    current_phases = models.CharField(max_length=80, blank=True, default="", editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="case_unique_reference"),
        ]
        indexes = [
            # With the id: the list's order is (-created_at, -id), so no sort of ties.
            models.Index(fields=["organisation", "status", "-created_at", "-id"], name="case_org_status_id_idx"),
            models.Index(fields=["case_manager", "status", "-created_at", "-id"], name="case_manager_status_idx"),
            models.Index(fields=["unit", "status", "-created_at", "-id"], name="case_unit_status_idx"),
            # One index per branch of `visible_to`, in the list's order (see querysets.py).
            models.Index(fields=["case_manager", "-created_at", "-id"], name="case_manager_created_idx"),
            models.Index(fields=["deputy", "-created_at", "-id"], name="case_deputy_created_idx"),
            models.Index(fields=["deputy", "status", "-created_at", "-id"], name="case_deputy_status_idx"),
            models.Index(fields=["unit", "-created_at", "-id"], name="case_unit_created_idx"),
            models.Index(fields=["case_manager", "-last_activity_at"], name="case_manager_activity_idx"),
            models.Index(fields=["deputy", "-last_activity_at"], name="case_deputy_activity_idx"),
            # The caseload's open counts per manager and phase: read from the index alone (COUNT(*)).
            models.Index(
                fields=["organisation", "unit", "status", "case_manager", "current_phases"], name="case_caseload_idx"
            ),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    MAINTAINED_FIELDS = ("last_activity_at", "checklist_state", "checklist_rev", "current_phases")

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A full save of a loaded case leaves the maintained fields alone (they change underneath)."""
        if kwargs.get("update_fields") is None and not self._state.adding and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in self.MAINTAINED_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from reintegra.core.reversing import url_for

        return url_for("cases:detail", self.pk)

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class ReferenceCounter(models.Model):
    """The last sequence number used per organisation, prefix and year (BEM-2026-0001).

    Incremented with a conditional UPDATE inside the case-creating transaction, so
    concurrent creations never share a number.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    prefix = models.CharField(max_length=12)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "prefix", "year"], name="refcounter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class PhaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class CasePhase(models.Model):
    """The state of one phase of one case. Phases may run at the same time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(_("phase"), max_length=16, choices=PhaseKey.choices)
    status = models.CharField(_("status"), max_length=16, choices=PhaseStatus.choices, default=PhaseStatus.NOT_STARTED)
    override_reason = EncryptedTextField(_("reason for completing with items missing"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="casephase_unique")]
        indexes = [
            models.Index(fields=["key", "status"], name="casephase_status_idx"),
            # Covers the phase filter of the case list (a phase in progress): no row lookup.
            models.Index(fields=["case", "key", "status"], name="casephase_case_key_status_idx"),
        ]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return f"{self.case_id} {self.key}: {self.status}"

    @property
    def order(self) -> int:
        return PHASE_ORDER.index(self.key)
