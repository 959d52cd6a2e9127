"""Forms of the plan pages: validation only; the services do the work."""

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.cases.forms import LocalDateField
from reintegra.plans.models import (
    LEVEL_FIELDS,
    MAX_WEIGHT,
    AgreementForm,
    CostBearer,
    Goal,
    GoalStatus,
    Horizon,
    Measure,
    MeasureStatus,
    Priority,
)
from reintegra.plans.services.goals import GoalChanges, GoalInput
from reintegra.plans.services.measures import MeasureChanges, MeasureInput

STEP_ROWS = 6
TEXTAREA_2 = {"rows": 2}


class FirstOptionRadioSelect(forms.RadioSelect):
    """Radio buttons whose label and error-summary link point at the first option (GOV.UK pattern)."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index if index is not None else "0")


class FirstOptionCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose label and error-summary link point at the first option."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index if index is not None else "0")


class CostField(forms.CharField):
    """An amount as people type it: 1200, 1200.50, 1'200.50 or 1200,50."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = (super().to_python(value) or "").replace("'", "").replace("’", "").replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(_("Enter an amount such as 1200.00."), code="invalid") from exc
        if not amount.is_finite() or amount < 0:
            raise ValidationError(_("Enter an amount of 0 or more, such as 1200.00."), code="min_value")
        if amount != amount.quantize(Decimal("0.01")) or amount >= Decimal("100000000"):
            raise ValidationError(_("Enter an amount with at most two decimal places."), code="invalid")
        return amount


class ChangeReasonMixin(forms.Form):
    def add_change_reason(self, agreed: int, *, required: bool = True) -> None:
        """Once a plan version was agreed, every change needs its reason (kept in the history);
        for an addition the reason is optional."""
        if agreed:
            self.fields["change_reason"] = forms.CharField(
                label=_("Reason for the change"),
                required=required,
                widget=forms.Textarea(attrs=TEXTAREA_2),
                max_length=5000,
                help_text=_(
                    "The plan was agreed (version %(number)s). Say why it changes, for example a new "
                    "medical finding or changed costs."
                )
                % {"number": agreed},
                error_messages={"required": _("Enter the reason for the change.")},
            )


class GoalForm(ChangeReasonMixin):
    title = forms.CharField(
        label=_("Goal"),
        max_length=200,
        help_text=_("Specific and positive, in the client's words where possible, e.g. “Back at work half days”."),
    )
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices, widget=FirstOptionRadioSelect)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, widget=FirstOptionRadioSelect
    )
    due_date = LocalDateField(label=pgettext_lazy("plan", "Due date"), help_text=_("For example 3.11.2026."))
    indicator = forms.CharField(
        label=_("Measurable criterion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_(
            "SMART: specific, measurable, achievable, relevant and time-bound. How will you and the client "
            "see that the goal is reached?"
        ),
    )
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=MAX_WEIGHT,
        initial=1,
        help_text=_("1 unless goals differ in importance; e.g. importance × difficulty. Used for the GAS T-score."),
    )
    level_plus_2 = forms.CharField(label=_("+2: much more than expected"), widget=forms.Textarea(attrs=TEXTAREA_2))
    level_plus_1 = forms.CharField(label=_("+1: somewhat more than expected"), widget=forms.Textarea(attrs=TEXTAREA_2))
    level_0 = forms.CharField(label=_("0: expected outcome"), widget=forms.Textarea(attrs=TEXTAREA_2))
    level_minus_1 = forms.CharField(label=_("−1: somewhat less than expected"), widget=forms.Textarea(attrs=TEXTAREA_2))
    level_minus_2 = forms.CharField(label=_("−2: much less than expected"), widget=forms.Textarea(attrs=TEXTAREA_2))
    shared_with_participants = forms.BooleanField(
        label=_("Share this goal with the participants (title and due date)"),
        required=False,
        help_text=_(
            "Participants with the client's consent, such as the employer's contact person, then see the "
            "title and due date of this goal in their portal and plan. The title must then hold no health "
            "information (no diagnosis, symptom or treatment)."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)

    LEVEL_NAMES = ("level_plus_2", "level_plus_1", "level_0", "level_minus_1", "level_minus_2")

    def __init__(self, *args: Any, editing: bool = False, agreed: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.LEVEL_NAMES:
            self.fields[name].error_messages["required"] = _("Describe this level: what the situation looks like.")
        if not editing:
            del self.fields["status"]
            del self.fields["version"]
        self.add_change_reason(agreed, required=editing)

    @staticmethod
    def initial_from(goal: Goal) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: getattr(goal, name)
            for name in (
                "title",
                "horizon",
                "priority",
                "due_date",
                "indicator",
                "weight",
                "shared_with_participants",
                "status",
                "version",
            )
        }
        data.update({field: getattr(goal, field) for field in LEVEL_FIELDS.values()})
        return data

    def service_data(self) -> GoalChanges:
        """Every field the form edits, as the goal services take them (GAS levels keyed "-2" … "2")."""
        data = dict(self.cleaned_data)
        data["levels"] = {key: data.pop(field) for key, field in LEVEL_FIELDS.items()}
        for name in ("version", "change_reason"):
            data.pop(name, None)
        return cast(GoalChanges, data)

    def create_data(self) -> GoalInput:
        """The new goal's fields as `goal_create` takes them (a new goal has no status yet)."""
        return cast(GoalInput, self.service_data())

    def level_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.LEVEL_NAMES]

    def main_fields(self) -> list[forms.BoundField]:
        skip = {*self.LEVEL_NAMES, "version", "change_reason"}
        return [self[name] for name in self.fields if name not in skip]


class MeasureForm(ChangeReasonMixin):
    title = forms.CharField(label=_("Measure"), max_length=200, help_text=_("What is done, e.g. “Work trial”."))
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    goals = forms.MultipleChoiceField(
        label=_("Goals this measure serves"),
        widget=FirstOptionCheckboxes,
        error_messages={"required": _("Choose at least one goal.")},
    )
    responsible = forms.ChoiceField(label=pgettext_lazy("plan", "Responsible"), help_text=_("Who does it."))
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    start_date = LocalDateField(label=pgettext_lazy("plan", "Start"), required=False)
    due_date = LocalDateField(label=pgettext_lazy("plan", "Due date"), help_text=_("For example 3.11.2026."))
    planned_cost = CostField(label=_("Planned cost"), required=False)
    actual_cost = CostField(label=_("Actual cost"), required=False)
    cost_bearer = forms.ChoiceField(label=_("Cost bearer"), required=False, choices=[("", "–"), *CostBearer.choices])
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices, initial=MeasureStatus.PLANNED)
    resource_person = forms.CharField(
        label=_("Resource person"),
        required=False,
        max_length=200,
        help_text=_("Someone from the client's environment (network map) who supports this measure."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        goals: list[tuple[str, str]],
        responsible: list[tuple[str, str]],
        providers: list[tuple[str, str]],
        currency: str,
        editing: bool = False,
        agreed: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = goals  # type: ignore[attr-defined]
        self.fields["responsible"].choices = responsible  # type: ignore[attr-defined]
        self.fields["provider"].choices = [("", "–"), *providers]  # type: ignore[attr-defined]
        for name in ("planned_cost", "actual_cost"):
            self.fields[name].label = f"{self.fields[name].label} ({currency})"
            self.fields[name].help_text = _("For example 1200.00.")
        if not editing:
            del self.fields["version"]
        for index in range(1, STEP_ROWS + 1):
            self.fields[f"step_{index}_from"] = LocalDateField(
                label=_("Step %(n)s: from") % {"n": index}, required=False
            )
            self.fields[f"step_{index}_percent"] = forms.IntegerField(
                label=_("Step %(n)s: workload in percent") % {"n": index}, required=False, min_value=1, max_value=100
            )
        self.add_change_reason(agreed, required=editing)

    @staticmethod
    def initial_from(measure: Measure) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: getattr(measure, name)
            for name in (
                "title",
                "description",
                "start_date",
                "due_date",
                "planned_cost",
                "actual_cost",
                "cost_bearer",
                "status",
                "resource_person",
                "version",
            )
        }
        data["goals"] = [str(goal.pk) for goal in measure.goals.all()]
        data["responsible"] = measure.responsible_value
        data["provider"] = str(measure.provider_id or "")
        for index, step in enumerate(measure.steps.all(), start=1):
            data[f"step_{index}_from"] = step.from_date
            data[f"step_{index}_percent"] = step.workload_percent
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(1, STEP_ROWS + 1):
            day, percent = data.get(f"step_{index}_from"), data.get(f"step_{index}_percent")
            if day and percent is None and f"step_{index}_percent" not in self.errors:
                self.add_error(f"step_{index}_percent", _("Enter the workload for this step, from 1 to 100."))
            if percent is not None and not day and f"step_{index}_from" not in self.errors:
                self.add_error(f"step_{index}_from", _("Enter the date this step starts, for example 3.11.2026."))
        return data

    def service_data(self) -> MeasureChanges:
        """Every field the form edits, as the measure services take them (steps as a list of rows)."""
        data = {name: value for name, value in self.cleaned_data.items() if not name.startswith("step_")}
        for name in ("version", "change_reason"):
            data.pop(name, None)
        data["provider"] = data.get("provider") or None
        data["steps"] = [
            {
                "from_date": self.cleaned_data[f"step_{i}_from"],
                "workload_percent": self.cleaned_data[f"step_{i}_percent"],
            }
            for i in range(1, STEP_ROWS + 1)
            if self.cleaned_data.get(f"step_{i}_from") and self.cleaned_data.get(f"step_{i}_percent")
        ]
        return cast(MeasureChanges, data)

    def create_data(self) -> MeasureInput:
        """The new measure's fields as `measure_create` takes them."""
        return cast(MeasureInput, self.service_data())

    def step_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"step_{i}_from"], self[f"step_{i}_percent"]) for i in range(1, STEP_ROWS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("step_") and name != "version"]


class AgreeForm(forms.Form):
    agreed_on = LocalDateField(label=_("Agreed on"), help_text=_("For example 3.11.2026."))
    # Not named "form": a control of that name shadows `form.form` in the DOM and trips htmx.
    agreement_form = forms.ChoiceField(label=_("Form"), choices=AgreementForm.choices, widget=FirstOptionRadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXTAREA_2),
        help_text=_("For example who was present or what the client asked to add."),
    )


class ScheduleForm(forms.Form):
    review_interval_weeks = forms.IntegerField(
        label=_("Review interval in weeks"), min_value=1, max_value=52, required=False
    )
    next_review_on = LocalDateField(
        label=_("Next review"), required=False, help_text=_("Empty: the interval from today.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def plan_error_field(path: tuple[str, ...]) -> str | None:
    """Where a nested service error belongs on the goal and measure forms (for `form_add_errors`):
    GAS levels ("levels", "-2") to their level field, steps ("steps", "0", "from_date") to their row."""
    if path[0] == "levels" and len(path) > 1:
        return LEVEL_FIELDS.get(path[1])
    if path[0] == "steps":
        if len(path) > 2 and path[1].isdigit():
            return f"step_{int(path[1]) + 1}_{'from' if path[2] == 'from_date' else 'percent'}"
        return "step_1_from"
    if path[0] == "form":  # plan_agree names the agreement form `form`, the page `agreement_form`
        return "agreement_form"
    return None


def conflict_rows(form: forms.Form, stored: dict[str, Any]) -> list[dict[str, str]]:
    """Where the stored record differs from what was submitted, as people read the values."""
    rows = []
    for name, field in form.fields.items():
        if name in ("version", "change_reason") or name not in stored:
            continue
        mine, theirs = form.cleaned_data.get(name), stored[name]
        if isinstance(mine, list) and isinstance(theirs, list):
            mine, theirs = sorted(mine), sorted(theirs)
        if (mine or None) != (theirs or None):
            rows.append({"field": str(field.label), "stored": _shown(field, theirs), "submitted": _shown(field, mine)})
    return rows


def _shown(field: forms.Field, value: Any) -> str:
    if value in (None, "", []):
        return "–"
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if choices:
        return str(choices.get(value, choices.get(str(value), value)))
    return str(formats.localize(value))
