"""Forms of the survey links: the public answer form, and the staff forms to send, decline, filter."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.cases.forms import LocalDateField
from reintegra.cases.models import Case, CaseType, Participant
from reintegra.questionnaires.engine import decimal_text
from reintegra.questionnaires.forms.responses import ResponseForm, item_field_name
from reintegra.questionnaires.models import ItemKind, Questionnaire
from reintegra.questionnaires.wording import shipped_wording

CLIENT = "client"


class SurveyForm(ResponseForm):
    """The respondent's form: only the questions (the date is the day it is sent)."""

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, questionnaire=questionnaire, **kwargs)
        del self.fields["answered_on"]
        del self.fields["respondent_kind"]
        wording = shipped_wording(questionnaire)
        if wording is None:
            return
        for item in self.items:
            field = self.fields[item_field_name(item.key)]
            field.label = wording["items"].get(item.key, field.label)
            if item.kind == ItemKind.SINGLE_CHOICE:
                field.choices = [  # type: ignore[attr-defined]
                    (decimal_text(o.value), wording["options"].get(o.value, o.label)) for o in item.options.all()
                ]


def respondent_choices(case: Case, participants: list[Participant]) -> list[tuple[str, str]]:
    client = _("Client: %(name)s") % {"name": case.client}
    return [(CLIENT, client), *((str(p.pk), f"{p.name} ({p.get_role_display()})") for p in participants)]


class RespondentForm(forms.Form):
    """Who is asked: the client or a participant of the case."""

    respondent = forms.ChoiceField(
        label=_("Who is asked?"), error_messages={"required": _("Choose who is asked.")}, initial=CLIENT
    )

    def __init__(self, *args: Any, case: Case, participants: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = {str(p.pk): p for p in participants}
        self.fields["respondent"].choices = respondent_choices(case, participants)  # type: ignore[attr-defined]

    def participant(self) -> Participant | None:
        return self.participants.get(self.cleaned_data["respondent"])


class SurveyInviteForm(RespondentForm):
    send_email = forms.BooleanField(
        label=_("Send the link by e-mail"),
        required=False,
        help_text=_("Otherwise the link is shown once here, to hand over in person."),
    )


class SurveyDeclineForm(RespondentForm):
    """Recording that the person declined in person (no link)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respondent"].label = _("Who declined?")


class AggregateFilterForm(forms.Form):
    case_type = forms.ModelChoiceField(
        label=_("Case type"), queryset=CaseType.objects.none(), required=False, empty_label=_("all")
    )
    date_from = LocalDateField(label=_("From"), required=False, help_text=_("For example 1.1.2026"))
    date_to = LocalDateField(label=_("To"), required=False, help_text=_("For example 31.12.2026"))

    def __init__(self, *args: Any, organisation_id: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_type"].queryset = CaseType.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data
