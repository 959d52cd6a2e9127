"""The review form: the date, one −2…+2 choice per active goal (its level descriptions as hints), a note."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.cases.forms import LocalDateField
from reintegra.plans.forms.plan import FirstOptionRadioSelect
from reintegra.plans.models import GAS_LEVELS, LEVEL_FIELDS, LEVEL_LABELS, Goal
from reintegra.plans.services.reviews import NOTE_MAX, RatingInput

LEVEL_NAMES = {
    "-2": _("much less than expected"),
    "-1": _("somewhat less than expected"),
    "0": _("expected outcome"),
    "1": _("somewhat more than expected"),
    "2": _("much more than expected"),
}


def goal_field_name(goal: Goal) -> str:
    return f"goal_{goal.pk.hex}"


class ReviewForm(forms.Form):
    date = LocalDateField(label=_("Date of the review"), help_text=_("For example 3.11.2026."))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Progress, whether the measures serve the goals, what was agreed."),
    )

    def __init__(self, *args: Any, goals: list[Goal], numbers: dict[Any, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[goal_field_name(goal)] = forms.TypedChoiceField(
                label=f"{numbers.get(goal.pk, '')}. {goal.title}",
                choices=[(key, f"{LEVEL_LABELS[key]}: {LEVEL_NAMES[key]}") for key in reversed(GAS_LEVELS)],
                coerce=int,
                widget=FirstOptionRadioSelect,
                error_messages={"required": _("Choose the level this goal reached.")},
            )

    def ratings(self) -> list[RatingInput]:
        return [RatingInput(goal=goal.pk, score=self.cleaned_data[goal_field_name(goal)]) for goal in self.goals]

    def goal_rows(self) -> list[dict[str, Any]]:
        """Per goal: its bound field and (radio, level description) pairs for the hints."""
        rows = []
        for goal in self.goals:
            field = self[goal_field_name(goal)]
            hints = [getattr(goal, LEVEL_FIELDS[key]) for key in reversed(GAS_LEVELS)]
            rows.append({"goal": goal, "field": field, "choices": list(zip(field.subwidgets, hints, strict=True))})
        return rows
