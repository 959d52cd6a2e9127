"""Goals and plan (phases 3 and 4): goals with GAS scales, measures, the plan's schedule, its agreed
versions and history, and the monitoring reviews with their GAS ratings.

What is encrypted and what is not: titles stay plain (they are shown in lists, on the
timeline and, once released, to the employer), the measurable criterion, the GAS level
descriptions, descriptions and change reasons may hold health detail and are encrypted.
Snapshots and change records hold those texts too, so they are stored encrypted as a whole.
"""

import json
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.cases.models import Case, Participant
from reintegra.core.fields import EncryptedTextField
from reintegra.core.models import BaseModel
from reintegra.network.models import Provider

# The five GAS levels, lowest first, as the API names them.
GAS_LEVELS = ("-2", "-1", "0", "1", "2")
LEVEL_FIELDS = {
    "-2": "level_minus_2",
    "-1": "level_minus_1",
    "0": "level_0",
    "1": "level_plus_1",
    "2": "level_plus_2",
}
LEVEL_LABELS = {"-2": "-2", "-1": "-1", "0": "0", "1": "+1", "2": "+2"}
MAX_WEIGHT = 100


class Horizon(models.TextChoices):
    SHORT = "short", _("short-term")
    MEDIUM = "medium", _("medium-term")
    LONG = "long", _("long-term")


class Priority(models.IntegerChoices):
    HIGH = 1, _("1 – high")
    MEDIUM = 2, _("2 – medium")
    LOW = 3, _("3 – low")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    ACHIEVED = "achieved", _("achieved")
    NOT_ACHIEVED = "not_achieved", _("not achieved")
    CANCELLED = "cancelled", _("cancelled")


class Goal(BaseModel):
    """A SMART goal of the case with its Goal Attainment Scaling scale (five described levels −2…+2).

    `weight` (≥ 1, default 1) enters the GAS T-score (Kiresuk–Sherman) that reviews compute later.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("title"), max_length=200)
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon.choices)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    due_date = models.DateField(_("due date"))
    indicator = EncryptedTextField(_("measurable criterion"))
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)]
    )
    level_minus_2 = EncryptedTextField(_("−2: much less than expected"))
    level_minus_1 = EncryptedTextField(_("−1: somewhat less than expected"))
    level_0 = EncryptedTextField(_("0: expected outcome"))
    level_plus_1 = EncryptedTextField(_("+1: somewhat more than expected"))
    level_plus_2 = EncryptedTextField(_("+2: much more than expected"))
    status = models.CharField(_("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    # Participants with access by consent (employer contact, physician, …) see a goal's title and
    # due date only when it is shared: a title can carry health information, so the default is off.
    shared_with_participants = models.BooleanField(_("shared with participants"), default=False)

    class Meta:
        ordering = ["priority", "due_date", "created_at"]
        indexes = [models.Index(fields=["case", "status"], name="goal_case_status_idx")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    @property
    def levels(self) -> dict[str, str]:
        return {key: getattr(self, field) or "" for key, field in LEVEL_FIELDS.items()}

    def level_rows(self) -> list[tuple[str, str]]:
        """The levels from +2 down to −2, as the scale is usually read."""
        levels = self.levels
        return [(LEVEL_LABELS[key], levels[key]) for key in reversed(GAS_LEVELS)]


class ResponsibleKind(models.TextChoices):
    CASE_MANAGER = "case_manager", _("Case manager")
    CLIENT = "client", _("Client")
    PARTICIPANT = "participant", _("Participant")


class CostBearer(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    INSURER = "insurer", _("Insurer")
    IV = "iv", _("Disability insurance (IV)")
    HEALTH_INSURANCE = "health_insurance", _("Health insurance")
    CLIENT = "client", _("Client")
    OTHER = "other", _("Other")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("active")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Measure(BaseModel):
    """A measure (Massnahme): who does what by when, with which provider, at what cost, serving goals.

    A graded return to work (stufenweise Wiedereingliederung) is a measure with steps.
    Amounts are in the organisation's currency. `resource_person` names a person from the
    client's environment (network map) who helps, by name or by network-map node id.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=200)
    description = EncryptedTextField(_("description"), blank=True)
    goals = models.ManyToManyField(Goal, related_name="measures", verbose_name=_("goals"))
    responsible_kind = models.CharField(_("responsible"), max_length=16, choices=ResponsibleKind.choices)
    # SET_NULL, not PROTECT: removing a participant must not fail; the measure then shows
    # its owner as removed and needs a new one (the planning checklist notices).
    responsible_participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, null=True, blank=True, related_name="measures")
    start_date = models.DateField(_("start"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    planned_cost = models.DecimalField(
        _("planned cost"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    actual_cost = models.DecimalField(
        _("actual cost"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    cost_bearer = models.CharField(_("cost bearer"), max_length=20, choices=CostBearer.choices, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    resource_person = models.CharField(_("resource person"), max_length=200, blank=True)
    resource_node_id = models.CharField(_("network map node"), max_length=64, blank=True)

    class Meta:
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["case", "status"], name="measure_case_status_idx")]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title

    @property
    def responsible_value(self) -> str:
        """The API's form: "case_manager", "client" or the participant's id ("" when removed)."""
        if self.responsible_kind == ResponsibleKind.PARTICIPANT:
            return str(self.responsible_participant_id or "")
        return self.responsible_kind

    @property
    def has_owner(self) -> bool:
        return self.responsible_kind != ResponsibleKind.PARTICIPANT or self.responsible_participant_id is not None


class MeasureStep(BaseModel):
    """One step of a graded return to work: from this date on, this workload in percent."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="steps")
    from_date = models.DateField(pgettext_lazy("plan", "from"))
    workload_percent = models.PositiveSmallIntegerField(
        _("workload in percent"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["from_date"]
        constraints = [models.UniqueConstraint(fields=["measure", "from_date"], name="measurestep_unique_date")]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return f"{self.from_date}: {self.workload_percent}%"


class Plan(BaseModel):
    """The plan's own data, one per case: the review schedule and the number of the last agreement.

    `last_version_number` mirrors the newest `PlanVersion` (written in the same transaction) so
    that case lists compute the `plan_agreed` checklist item with a join instead of loading snapshots.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    review_interval_weeks = models.PositiveSmallIntegerField(
        _("review interval in weeks"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    last_version_number = models.PositiveIntegerField(_("last agreed version"), default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"Plan {self.case_id} v{self.last_version_number}"


class AgreementForm(models.TextChoices):
    ORAL = "oral", _("oral")
    WRITTEN = "written", _("written")


class EncryptedJSONMixin:
    """A JSON document kept in an encrypted text column (it holds texts that are encrypted elsewhere)."""

    @staticmethod
    def _load(raw: str) -> Any:
        return json.loads(raw) if raw else None

    @staticmethod
    def _dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class PlanVersion(EncryptedJSONMixin, BaseModel):
    """A frozen snapshot of the plan the client agreed to (number 1, 2, … per case)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField(_("version"))
    agreed_on = models.DateField(_("agreed on"))
    form = models.CharField(_("form"), max_length=10, choices=AgreementForm.choices)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    goal_count = models.PositiveIntegerField(_("goals"), default=0)
    measure_count = models.PositiveIntegerField(_("measures"), default=0)
    snapshot_data = EncryptedTextField(_("snapshot"))

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="planversion_unique_number")]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"Plan {self.case_id} v{self.number}"

    @property
    def snapshot(self) -> dict[str, Any]:
        return self._load(self.snapshot_data) or {}

    @snapshot.setter
    def snapshot(self, value: dict[str, Any]) -> None:
        self.snapshot_data = self._dump(value)


class ChangeAction(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")


class PlanChange(EncryptedJSONMixin, BaseModel):
    """The history of a goal, measure or the plan's schedule: one row per save, with old/new and reason.

    `fields` (plain) names what changed; `diff` (encrypted) holds the old and new values.
    `version` is the object's version after the change.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_changes")
    object_type = models.CharField(_("object"), max_length=16)  # goal, measure, plan
    object_id = models.UUIDField(_("object id"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    action = models.CharField(pgettext_lazy("plan change", "action"), max_length=10, choices=ChangeAction.choices)
    fields = models.JSONField(_("changed fields"), default=list)
    diff_data = EncryptedTextField(_("old and new values"), blank=True)
    reason = EncryptedTextField(_("reason for the change"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    after_plan_version = models.PositiveIntegerField(_("last agreed version at the time"), default=0)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="planchange_case_at_idx")]
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")

    def __str__(self) -> str:
        return f"{self.object_type} {self.object_id} {self.action}"

    @property
    def diff(self) -> dict[str, Any]:
        return self._load(self.diff_data) or {}

    @diff.setter
    def diff(self, value: dict[str, Any]) -> None:
        self.diff_data = self._dump(value)


class Review(BaseModel):
    """A monitoring review: every active goal rated on its GAS scale (−2…+2) on a date, with a note.

    The T-score is computed when the review is saved (with the goals' weights then) and stored.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(_("date of the review"))
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    gas_t_score = models.FloatField(_("GAS T-score"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["case", "created_at"], name="review_case_created_idx")]

    def __str__(self) -> str:
        return f"Review {self.date} ({self.gas_t_score})"


class GoalRating(BaseModel):
    """One goal's GAS level at a review (−2 much less … +2 much more than expected)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    score = models.SmallIntegerField(_("score"), validators=[MinValueValidator(-2), MaxValueValidator(2)])

    class Meta:
        verbose_name = _("goal rating")
        verbose_name_plural = _("goal ratings")
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="goalrating_unique_goal"),
            models.CheckConstraint(condition=models.Q(score__gte=-2, score__lte=2), name="goalrating_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.score}"


class DueItem(models.Model):
    """One thing due on a case — a measure still to be done, the plan's next review, an aftercare
    follow-up not yet noted, a consent running out — with its date and copies of the case's
    organisation, unit, case manager and deputy (the fields `visible_to` filters on), so that
    "what is due for me by when" is an index range instead of a look-up per case.

    Derived data, never edited: the write path's last step (`case_touch`, step
    `plans.services.due.due_items_refresh_step`) replaces a case's rows, in the change's
    transaction, from the records as `plans.selectors.due` defines them; bulk loads call
    `due_items_refresh` (`manage.py due_items_refresh` fills the table for existing data).
    Rows exist only while they count: measures, reviews and consents on open cases; follow-ups
    on any case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    object_id = models.UUIDField()
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("accounts.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    case_manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            # With kind, unit and organisation: the caseload's overdue counts per manager read the
            # index alone (docs/performance.md, "Issue 22").
            models.Index(
                fields=["case_manager", "date", "kind", "unit", "organisation"], name="dueitem_manager_date_cover_idx"
            ),
            models.Index(fields=["deputy", "date"], name="dueitem_deputy_date_idx"),
            models.Index(fields=["unit", "date"], name="dueitem_unit_date_idx"),
            models.Index(fields=["organisation", "date"], name="dueitem_org_date_idx"),
            models.Index(fields=["case", "kind"], name="dueitem_case_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.date}"
