"""Questionnaire forms: validation only; the engine and services decide what counts."""

import json
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.cases.forms import LocalDateField
from reintegra.cases.models import PhaseKey
from reintegra.questionnaires.definitions import QuestionnaireDefinition
from reintegra.questionnaires.engine import decimal_text
from reintegra.questionnaires.models import ItemKind, Questionnaire, RespondentKind

ITEM_PREFIX = "item_"


def item_field_name(key: str) -> str:
    return f"{ITEM_PREFIX}{key}"


def answer_field(path: tuple[str, ...]) -> str | None:
    """Where a nested service error belongs (for `form_add_errors`): ("answers", key) → that item's field."""
    if path[0] == "answers" and len(path) > 1:
        return item_field_name(path[1])
    return None


class ResponseForm(forms.Form):
    """One field per item (radio buttons for single choice), plus date and respondent."""

    answered_on = LocalDateField(
        label=_("Answered on"),
        help_text=_("For example 3.11.2026"),
        error_messages={"required": _("Enter the date the questionnaire was answered, for example 3.11.2026.")},
    )
    respondent_kind = forms.ChoiceField(
        label=_("Who answered?"),
        choices=RespondentKind.choices,
        widget=forms.RadioSelect,
        initial=RespondentKind.CLIENT,
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"answered_on": timezone.localdate(), "respondent_kind": RespondentKind.CLIENT})
        super().__init__(*args, **kwargs)
        self.items = list(questionnaire.items.all())
        for item in self.items:
            self.fields[item_field_name(item.key)] = self._field_for(item)

    @staticmethod
    def _field_for(item: Any) -> forms.Field:
        common: dict[str, Any] = {"label": item.text, "help_text": item.hint, "required": item.required}
        answer_this = _("Answer this question.")
        if item.kind == ItemKind.SINGLE_CHOICE:
            return forms.ChoiceField(
                choices=[(decimal_text(o.value), o.label) for o in item.options.all()],
                widget=forms.RadioSelect,
                error_messages={"required": answer_this, "invalid_choice": _("Choose one of the answers.")},
                **common,
            )
        if item.kind == ItemKind.NUMBER:
            return forms.DecimalField(
                max_digits=10,
                decimal_places=2,
                min_value=item.min_value,
                max_value=item.max_value,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                error_messages={"required": answer_this},
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=5000,
            error_messages={"required": answer_this},
            **common,
        )

    def answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for item in self.items:
            value = self.cleaned_data.get(item_field_name(item.key))
            if value not in (None, ""):
                answers[item.key] = str(value) if item.kind != ItemKind.TEXT else value
        return answers


class JSONListField(forms.CharField):
    """A list given as JSON text (items or bands of a definition)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if not text:
            return []
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(_("Enter valid JSON: %(error)s") % {"error": exc}) from exc
        if not isinstance(data, list):
            raise forms.ValidationError(_("Enter a JSON list, starting with [ and ending with ]."))
        return data


class QuestionnaireDefinitionForm(forms.Form):
    """An organisation's own instrument. Items and bands are JSON, as in the API."""

    key = forms.SlugField(label=_("Key"), max_length=40, help_text=_("Lower-case letters, digits, - and _."))
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    licence_note = forms.CharField(
        label=_("Licence note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who holds the licence for this instrument, and until when."),
    )
    instrument_version = forms.CharField(label=_("Edition of the instrument"), required=False, max_length=80)
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", "–"), *PhaseKey.choices],
        help_text=_("The phase a recorded response belongs to."),
    )
    items = JSONListField(
        label=_("Questions (JSON)"),
        help_text=_("A list of questions with key, text, kind, required, hint and options; see the example."),
    )
    scoring = forms.CharField(
        label=_("Scoring expression"),
        max_length=2000,
        help_text=_(
            "Arithmetic over question keys: numbers, + - * /, brackets, min(), max(), round(). Example: (q1 + q2) / 2"
        ),
    )
    bands = JSONListField(
        label=_("Bands (JSON)"),
        required=False,
        help_text=_(
            'A list of ranges, for example: [{"key": "low", "label": "tief", "min": 0, "max": 2, "action": "…"}]'
        ),
    )

    def definition(self) -> QuestionnaireDefinition:
        """The cleaned fields as the definition `questionnaire_create` checks and stores."""
        return cast(QuestionnaireDefinition, dict(self.cleaned_data))
