"""The per-case statistical record the insights are computed from.

`CaseFigures` holds no personal data: no names, no free text, no birth date; only the case's
type, unit, case manager (staff), dates, durations, outcome and scores. It is kept up to date by
the write path's last step (`cases.services.common.case_touch` → `services.case_figures_refresh_step`)
and stays when a case is erased (the link becomes empty): the anonymous statistical record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Unit


class CaseFigures(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="figures")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    case_type_key = models.CharField(_("case type"), max_length=40)
    rtw_applicable = models.BooleanField(default=False)  # the case type's outcomes are return-to-work ones
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    current_phase = models.CharField(max_length=16, blank=True)  # open cases: the furthest phase in progress
    first_contact_days = models.PositiveIntegerField(null=True, blank=True)
    # Days of each completed phase (columns, not JSON: the page computes its medians in one read).
    days_intake = models.PositiveIntegerField(null=True, blank=True)
    days_assessment = models.PositiveIntegerField(null=True, blank=True)
    days_planning = models.PositiveIntegerField(null=True, blank=True)
    days_monitoring = models.PositiveIntegerField(null=True, blank=True)
    days_evaluation = models.PositiveIntegerField(null=True, blank=True)
    days_to_close = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)
    not_admitted = models.BooleanField(default=False)
    gas_t_score = models.FloatField(null=True, blank=True)
    wai_first = models.FloatField(null=True, blank=True)
    wai_last = models.FloatField(null=True, blank=True)
    wai_responses = models.PositiveSmallIntegerField(default=0)
    absence_days_before = models.PositiveIntegerField(null=True, blank=True)  # null: no absence data
    absence_days_after = models.PositiveIntegerField(null=True, blank=True)
    planned_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    actual_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    has_costs = models.BooleanField(default=False)  # a measure with a planned or actual cost
    refreshed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "opened_on"], name="figures_org_opened_idx"),
            models.Index(fields=["organisation", "closed_on"], name="figures_org_closed_idx"),
            models.Index(fields=["organisation", "unit", "opened_on"], name="figures_unit_opened_idx"),
            models.Index(fields=["organisation", "unit", "closed_on"], name="figures_unit_closed_idx"),
            # The open cases by case manager and phase, counted from the index alone (26 instead of
            # 93 ms for 148,000 open records on PostgreSQL).
            models.Index(
                fields=["organisation", "case_manager", "current_phase", "opened_on", "unit", "case_type_key"],
                condition=models.Q(closed_on__isnull=True),
                name="figures_open_cover_idx",
            ),
        ]
        verbose_name = _("case figures")
        verbose_name_plural = _("case figures")

    def __str__(self) -> str:
        return f"{self.case_type_key} {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class CaseFiguresCost(models.Model):
    """The planned and actual costs of a case's measures for one cost bearer."""

    figures = models.ForeignKey(CaseFigures, on_delete=models.CASCADE, related_name="costs")
    bearer = models.CharField(max_length=20)
    planned = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    actual = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["figures", "bearer"], name="figures_cost_unique_bearer")]

    def __str__(self) -> str:
        return f"{self.bearer}: {self.planned}/{self.actual}"


class CaseFiguresAnswer(models.Model):
    """One item value of a case's last answered satisfaction questionnaire (a number, no text)."""

    figures = models.ForeignKey(CaseFigures, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=40)
    value = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["figures", "item"], name="figures_answer_unique_item")]

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"


ALL_TYPES = "*"  # CaseFiguresCell.case_type_key of an organisation's cell over all units and types


class Span(models.TextChoices):
    MONTH = "month", _("month")
    DAY = "day", _("day")


class CaseFiguresCell(models.Model):
    """The summary of the records of one organisation, unit and case type over one month or one
    day (a "cell"): how many were opened and closed then, and the histograms every figure is
    computed from (`insights.tallies`: opening side by the day or month opened, closing side by the
    day or month closed). The page reads whole months of a period from month cells and the days of
    the months it covers in part from day cells, never the records. Kept in the write's
    transaction by `services.summary` (the cells a change touches are recomputed from the
    records); `manage.py insights_summary` rebuilds them. Cells with the case type `ALL_TYPES`
    (and no unit) sum an organisation's month or day over every unit and case type (kept by the
    difference of the cells recomputed). No personal data."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    case_type_key = models.CharField(max_length=40)
    span = models.CharField(max_length=5, choices=Span.choices, default=Span.MONTH)
    start = models.DateField()  # the day; of a month cell its first day
    opened = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    histograms = models.JSONField(default=dict)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "case_type_key", "span", "start"], name="figures_cell_org_idx"),
            models.Index(fields=["organisation", "unit", "case_type_key", "span", "start"], name="figures_cell_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_type_key} {self.span} {self.start}"
