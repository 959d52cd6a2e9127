"""HR data for screening, kept apart from case files: employees, absences, rules, invitations.

An employee is not a client: nothing here is part of a case until an invitation is accepted
and a case is opened. Absences older than two years are deleted (`manage.py screening_daily`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Unit
from reintegra.core.models import BaseModel
from reintegra.screening.rules import rule_label


class Employee(BaseModel):
    """A person on the organisation's payroll, as far as screening needs: number, name, unit, working days."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="employees")
    personnel_number = models.CharField(_("personnel number"), max_length=40)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="employees")
    work_days_per_week = models.PositiveSmallIntegerField(
        _("working days per week"), default=5, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    # Set when the person accepted an invitation and became a client: the open-case check follows it.
    client = models.ForeignKey(
        "cases.Client", on_delete=models.SET_NULL, null=True, blank=True, related_name="employees"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "personnel_number"], name="employee_unique_number")
        ]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class AbsenceKind(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    ACCIDENT = "accident", _("Accident")
    OTHER = "other", _("Other")


class Absence(models.Model):
    """One absence of an employee (end empty while it lasts).

    Deliberately not a BaseModel: a large employer imports millions of these rows, and a
    UUID key, two time stamps and a version per row would double the table for nothing —
    absences are replaced by import, never edited concurrently. One absence per person and
    first day: that is what makes a re-import idempotent.
    """

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="absences")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AbsenceKind.choices)
    percent = models.PositiveSmallIntegerField(
        _("incapacity in percent"), default=100, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["employee", "start"]
        constraints = [models.UniqueConstraint(fields=["employee", "start"], name="absence_unique_start")]
        indexes = [models.Index(fields=["end"], name="absence_end_idx")]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self) -> str:
        return f"{self.start}–{self.end or '…'} {self.kind} {self.percent}%"


class CountingUnit(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class ScreeningRule(BaseModel):
    """An eligibility trigger as data: the clauses that make a hit, and the case type a hit leads to.

    A rule hits when any clause it sets holds within the window ending today:
    more than `total_days_over` days added up, a continuous stretch of at least
    `consecutive_days_min` days, or at least `separate_absences_min` separate absences.
    Day thresholds are in calendar days; with working days as the counting unit they are
    scaled by the person's working days per week (42 calendar days = 6 weeks = 6 × 5 working days).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="screening_rules")
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    case_type_key = models.SlugField(_("case type"), max_length=40)
    window_days = models.PositiveSmallIntegerField(
        _("window (days)"), default=365, validators=[MinValueValidator(1), MaxValueValidator(3660)]
    )
    counting_unit = models.CharField(
        _("counting unit"), max_length=10, choices=CountingUnit.choices, default=CountingUnit.CALENDAR
    )
    kinds = models.JSONField(_("kinds of absence counted"), default=list)
    total_days_over = models.PositiveSmallIntegerField(_("more than … days in total"), null=True, blank=True)
    consecutive_days_min = models.PositiveSmallIntegerField(_("at least … consecutive days"), null=True, blank=True)
    separate_absences_min = models.PositiveSmallIntegerField(_("at least … separate absences"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="screeningrule_unique_key")]
        verbose_name = _("screening rule")
        verbose_name_plural = _("screening rules")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language (see screening.rules.rule_label)."""
        return rule_label(self)


class ScreeningHit(models.Model):
    """The stored result of the last screening run: who crosses which rule, since when, why.

    Computed set-based for a whole organisation (`services.runs.screening_run`) after each
    import and every night, so the list page reads a small table instead of re-counting
    millions of absences per request.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="hits")
    rule = models.ForeignKey(ScreeningRule, on_delete=models.CASCADE, related_name="hits")
    eligible_since = models.DateField()
    days = models.PositiveIntegerField()
    reason = models.CharField(max_length=20)  # the clause that hit first: total, consecutive, separate
    absences = models.JSONField(default=list)  # [[start, end|null], …] of the contributing absences
    computed_on = models.DateField()
    # False once the person has an invitation for the rule within 365 days or an open case of that
    # case type; set by the run (set-based) and at once by `invitation_create`, so the list reads one index.
    listed = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employee", "rule"], name="screeninghit_unique")]
        indexes = [
            # Partial: SQLite compares a boolean as a bare column, which only a partial index matches.
            models.Index(
                fields=["organisation", "eligible_since", "id"], condition=Q(listed=True), name="screeninghit_list_idx"
            ),
            models.Index(
                fields=["organisation", "rule", "eligible_since", "id"],
                condition=Q(listed=True),
                name="screeninghit_rule_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.eligible_since}"


class ScreeningRun(models.Model):
    """When the organisation's hits were last computed (and how long it took)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    computed_on = models.DateField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    hits = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.computed_on}: {self.hits}"


class ColumnMapping(BaseModel):
    """How the columns of one HR system's export map to ours, saved per organisation.

    `columns` maps our column name (personnel_number, start, …) to the header in the file.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="column_mappings")
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"), default=dict)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="columnmapping_unique_name")]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return self.name


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(BaseModel):
    """One uploaded file: its preview, then the import as a background task with a progress row.

    The file is kept only until it is imported (then `payload` is emptied): HR data stays minimal.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    filename = models.CharField(max_length=200)
    payload = models.BinaryField(default=b"")
    mapping = models.ForeignKey(ColumnMapping, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict)  # rows, new, updated, unchanged, employees_new, …
    errors = models.JSONField(default=list)  # [{row, field, message}]

    class Meta:
        ordering = ["-created_at"]

    @property
    def percent_done(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    NO_RESPONSE = "no_response", _("No response")


class Invitation(BaseModel):
    """An offer made to an employee because a rule hit (the letter, the deadline, the answer).

    While pending it keeps the hit and the filled letter; a decline or no response keeps only
    that fact and its date (the rest is emptied), an acceptance the case it opened.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="invitations")
    rule = models.ForeignKey(ScreeningRule, on_delete=models.PROTECT, related_name="invitations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_on = models.DateField(_("invited on"))
    respond_by = models.DateField(_("respond by"))
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    no_response_proposed_on = models.DateField(_("no response proposed on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    hit = models.JSONField(default=dict, blank=True)  # eligible_since, days, reason, absences
    letter = models.JSONField(default=dict, blank=True)  # title, body, aims, data_collected (filled)
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-invited_on", "-created_at"]
        indexes = [models.Index(fields=["employee", "rule", "-invited_on"], name="invitation_recent_idx")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.rule.key} {self.invited_on}"
