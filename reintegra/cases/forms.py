"""Forms for the case pages: validation only; the services do the work."""

from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reintegra.cases.ahv import ahv_validate
from reintegra.cases.checklist import item_label
from reintegra.cases.inputs import EvaluationData
from reintegra.cases.models import (
    CaseStatus,
    ClosureReason,
    CommissioningKind,
    Decision,
    NoteKind,
    ParticipantRole,
    PhaseKey,
)

DATE_INPUTS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]


def language_field() -> forms.ChoiceField:
    """The language of the letters, PDFs and e-mails a client or participant receives."""
    return forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The organisation's language")), *settings.LANGUAGES],
        help_text=_("Letters, PDFs and e-mails to this person are written in this language."),
    )


def postal_address_field() -> forms.CharField:
    """The address block of letters to the client."""
    return forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As it appears on letters, each part on its own line (e.g. street, postcode and place)."),
    )


class LocalDateField(forms.DateField):
    """Accepts the local format (3.11.2026) and ISO."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("input_formats", DATE_INPUTS)
        kwargs.setdefault("widget", forms.DateInput(format="%d.%m.%Y", attrs={"placeholder": "3.11.2026"}))
        super().__init__(**kwargs)  # type: ignore[arg-type]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search (reference or name)"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all")), *CaseStatus.choices])
    phase = forms.ChoiceField(label=_("Phase in progress"), required=False, choices=[("", _("any")), *PhaseKey.choices])
    case_manager = forms.ChoiceField(label=_("Case manager"), required=False)

    def __init__(self, *args: object, case_managers: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["case_manager"].choices = [("", _("all")), *case_managers]  # type: ignore[attr-defined]


class CaseCreateForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Case type"))
    first_name = forms.CharField(label=_("Client's first name"), max_length=100)
    last_name = forms.CharField(label=_("Client's last name"), max_length=100)
    birth_date = LocalDateField(label=_("Date of birth"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    postal_address = postal_address_field()
    language = language_field()
    ahv_number = forms.CharField(
        label=_("AHV number"),
        required=False,
        max_length=20,
        validators=[ahv_validate],
        help_text=_("Optional. The Swiss social security number, for example 756.1234.5678.97."),
    )
    commissioning_party_name = forms.CharField(
        label=_("Commissioning party"),
        required=False,
        max_length=200,
        help_text=_("Employer, insurer or authority that commissioned the case, if any."),
    )
    commissioning_party_kind = forms.ChoiceField(
        label=_("Kind of commissioning party"), required=False, choices=[("", "–"), *CommissioningKind.choices]
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    case_manager = forms.ChoiceField(label=_("Case manager"), required=False)
    # After a possible duplicate was reported: a client id (a new case for that client) or "new"
    # (someone else). Rendered by the page with the duplicates it reports.
    duplicate_choice = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: object,
        case_types: list[tuple[str, str]],
        case_managers: list[tuple[str, str]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["case_type"].choices = case_types  # type: ignore[attr-defined]
        if case_managers:  # team leads open cases for the case managers of their units
            self.fields["case_manager"].choices = case_managers  # type: ignore[attr-defined]
            self.fields["case_manager"].required = True
        else:
            del self.fields["case_manager"]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("commissioning_party_name") and not data.get("commissioning_party_kind"):
            self.add_error("commissioning_party_kind", _("Choose what kind of party commissioned the case."))
        return data


class IntakeForm(forms.Form):
    criteria_met = forms.TypedChoiceField(
        label=_("Are the criteria of the case type met?"),
        choices=[("true", _("yes")), ("false", _("no"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    decision_reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Also required when the case is not admitted."),
    )
    client_informed = forms.BooleanField(
        label=_("The client was informed about the process, its goals and benefit, and what happens if not admitted"),
        required=False,
    )
    commissioning_party_disclosed = forms.BooleanField(
        label=_("Dependencies on the commissioning party were disclosed"), required=False
    )
    cooperation_agreed = forms.BooleanField(label=_("A cooperation agreement was made"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = language_field()


class IncapacityForm(forms.Form):
    start = LocalDateField(label=_("First day of incapacity"))
    end = LocalDateField(label=_("Last day"), required=False, help_text=_("Leave empty while it lasts."))
    percent = forms.IntegerField(label=_("Incapacity in percent"), min_value=1, max_value=100, initial=100)
    certificate = forms.BooleanField(label=_("A medical certificate exists"), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The last day must be on or after the first day."))
        return data


class IncapacityCorrectForm(forms.Form):
    """End or correct a period of incapacity (the first day stays: a new start is a new period)."""

    end = LocalDateField(label=_("Last day"), required=False, help_text=_("Leave empty while it lasts."))
    percent = forms.IntegerField(label=_("Incapacity in percent"), min_value=1, max_value=100)
    certificate = forms.BooleanField(label=_("A medical certificate exists"), required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ParticipantEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    language = language_field()


class NoteAmendForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        help_text=_("The earlier wording stays readable with the note."),
    )


class CaseEditForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    postal_address = postal_address_field()
    language = language_field()
    ahv_number = forms.CharField(
        label=_("AHV number"),
        required=False,
        max_length=20,
        validators=[ahv_validate],
        help_text=_("Optional. The Swiss social security number, for example 756.1234.5678.97."),
    )
    commissioning_party_name = forms.CharField(label=_("Commissioning party"), required=False, max_length=200)
    commissioning_party_kind = forms.ChoiceField(
        label=_("Kind of commissioning party"), required=False, choices=[("", "–"), *CommissioningKind.choices]
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseTypeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    reference_prefix = forms.RegexField(
        label=_("Reference prefix"),
        regex=r"^[A-Z][A-Z0-9]{0,11}$",
        max_length=12,
        help_text=_("Capital letters and digits, e.g. BEM."),
    )
    trigger_days = forms.IntegerField(label=_("Incapacity trigger (days in 12 months)"), required=False, min_value=1)
    criteria = forms.CharField(
        label=_("Intake criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line."),
    )
    information_text = forms.CharField(
        label=_("Information for the client"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    requires_closure_approval = forms.BooleanField(label=_("Closure needs a team lead's approval"), required=False)
    retention_after_closure_days = forms.IntegerField(
        label=_("Keep closed cases for (days)"),
        min_value=0,
        required=False,
        help_text=_("After this many days from the closing date, the case is erased (BEM: 1095 days, three years)."),
    )
    retention_not_admitted_days = forms.IntegerField(
        label=_("Keep cases not admitted or declined for (days)"),
        min_value=0,
        required=False,
        help_text=_("For cases closed as not admitted or declined by the person."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, checklist_keys: dict[str, list[str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.checklist_keys = checklist_keys
        for phase, keys in checklist_keys.items():
            self.fields[f"checklist_{phase}"] = forms.MultipleChoiceField(
                label=_("Required records: %(phase)s") % {"phase": PhaseKey(phase).label},
                choices=[(key, item_label(key)) for key in keys],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=ClosureReason.choices)
    agreed_with_client = forms.BooleanField(label=_("The closure was agreed with the client"), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the closure was not agreed with the client: say why."),
    )
    override_reason = forms.CharField(
        label=_("Reason for closing without a done evaluation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only needed while the evaluation phase is not done."),
    )


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices)
    occurred_on = LocalDateField(label=_("Date"), required=False, help_text=_("Today if left empty."))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For case conferences: what was decided, and by whom."),
    )
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)
    restricted = forms.BooleanField(
        label=_("Restricted: only the case manager and the deputy may read this note"), required=False
    )

    def __init__(self, *args: object, participants: list[tuple[str, str]], closed: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["present"].choices = participants  # type: ignore[attr-defined]
        if closed:
            self.fields["kind"].choices = [(NoteKind.AFTERCARE.value, NoteKind.AFTERCARE.label)]  # type: ignore[attr-defined]


OUTCOME_LABELS = {
    "rtw_full": _("Full return to work"),
    "rtw_partial": _("Partial return to work"),
    "no_rtw": _("No return to work"),
    "achieved": _("Goals achieved"),
    "partly_achieved": _("Goals partly achieved"),
    "not_achieved": _("Goals not achieved"),
    "other": _("Other outcome"),
}
RATING_CHOICES = [
    ("", _("— choose —")),
    ("2", _("+2 much more than expected")),
    ("1", _("+1 somewhat more than expected")),
    ("0", _("0 expected outcome")),
    ("-1", _("−1 somewhat less than expected")),
    ("-2", _("−2 much less than expected")),
]


class EvaluationForm(forms.Form):
    """The evaluation: one final GAS rating per goal (fields `rating_<goal id>`) and the closing facts."""

    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("Summary of the results"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )
    aftercare_needed = forms.TypedChoiceField(
        label=_("Is aftercare needed?"),
        choices=[("true", _("yes")), ("false", _("no"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    follow_up_on = LocalDateField(
        label=_("Follow-up on"), required=False, help_text=_("Required with aftercare; becomes a reminder for you.")
    )
    satisfaction = forms.ChoiceField(
        label=_("Client satisfaction"),
        choices=[("asked", _("asked")), ("declined", _("declined by the client"))],
        widget=forms.RadioSelect,
        help_text=_("The satisfaction questionnaire can be sent from the case's questionnaire page."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, outcomes: list[str], goals: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["outcome"].choices = [(key, OUTCOME_LABELS.get(key, key)) for key in outcomes]  # type: ignore[attr-defined]
        self.goal_fields = []
        for goal in goals:
            name = f"rating_{goal.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Final rating: %(goal)s") % {"goal": goal.title},
                choices=RATING_CHOICES,
                coerce=int,
                help_text=goal.indicator,
            )
            self.goal_fields.append((goal, name))

    @property
    def rating_fields(self) -> list:
        return [self[name] for _goal, name in self.goal_fields]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("aftercare_needed") and not data.get("follow_up_on"):
            self.add_error("follow_up_on", _("Enter the date of the follow-up, for example 3.11.2026."))
        return data

    def service_data(self) -> EvaluationData:
        data = dict(self.cleaned_data)
        data["final_ratings"] = [{"goal": str(goal.pk), "score": data.pop(name)} for goal, name in self.goal_fields]
        data.pop("version", None)
        return cast(EvaluationData, data)


class ReassignForm(forms.Form):
    """Hand one or more cases to another case manager (the choices: active case managers)."""

    case_manager = forms.ChoiceField(label=_("New case manager"))
    reason = forms.CharField(
        label=_("Reason for the handover"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: object, case_managers: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["case_manager"].choices = [("", "–"), *case_managers]  # type: ignore[attr-defined]


class DeputyForm(forms.Form):
    """Set or clear the deputy (empty: no deputy)."""

    deputy = forms.ChoiceField(label=_("Deputy"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, people: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["deputy"].choices = [("", _("no deputy")), *people]  # type: ignore[attr-defined]
