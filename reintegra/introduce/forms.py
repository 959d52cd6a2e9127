"""Forms of the introduce UI. They validate input only and hand the service its typed payload.

`ScopedModelForm` skips Django's model validation in the form (`_post_clean`):
the service validates the whole object and its errors are put on the form's
fields by `views._base.service_field` (through `core.htmx.run_form_service`),
so the rules live in one place. `payload()` turns the cleaned data into the
service's dataclass (`services.…Data`).
"""

from datetime import datetime, time
from typing import Any, ClassVar, Generic, TypeVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.introduce.models import (
    ActionItem,
    CommunicationRule,
    DocumentTemplate,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    KnowledgePage,
    OfficeHourSession,
    Party,
    Raci,
    RaciRow,
    ResourceEntry,
    SoarItem,
    Stakeholder,
    Statement,
    StatementKind,
)
from reintegra.introduce.selectors import members_of, units_of
from reintegra.introduce.services import (
    ActionData,
    InterviewData,
    InterviewQuestionData,
    KnowledgePageData,
    ProjectData,
    RaciRowData,
    ResourceData,
    RuleData,
    SessionData,
    SoarItemData,
    StakeholderData,
    StatementData,
    TemplateData,
)
from reintegra.introduce.services._base import Payload

P = TypeVar("P", bound=Payload)

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATE_HINT = _("For example 3.11.2026")


def date_field(**kwargs: Any) -> forms.DateField:
    return forms.DateField(
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=DATE_HINT,
        **kwargs,
    )


class ScopedModelForm(forms.ModelForm, Generic[P]):
    """A model form whose choices of units, people and templates come from one organisation."""

    payload_class: ClassVar[type[Payload]]
    # A service error about a payload field the form shows under another name (see SessionForm).
    error_fields: ClassVar[dict[str, str]] = {}

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organisation_id: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        for name, field in self.fields.items():
            if name in ("unit", "participating_units"):
                field.queryset = units_of(organisation_id)  # type: ignore[attr-defined]
            elif name in ("owner", "interviewer", "host"):
                field.queryset = members_of(organisation_id)  # type: ignore[attr-defined]
                field.label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]
            elif name == "template":
                field.queryset = DocumentTemplate.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version

    def _post_clean(self) -> None:
        """No model validation here: the service validates (see the module docstring)."""

    def payload(self) -> P:
        """The service's input: the submitted values, over the stored ones when editing."""
        base = None if self.instance._state.adding else self.payload_class.of(self.instance)
        return self.payload_class.build(self.cleaned_data, base=base)  # type: ignore[return-value]

    def submitted_version(self) -> int | None:
        """The version the person edited (None on create); a stale one makes the service refuse."""
        version = self.cleaned_data.get("version")
        return int(version) if version is not None else None


class ProjectForm(ScopedModelForm[ProjectData]):
    payload_class = ProjectData
    started_on = date_field(label=_("started on"), required=False)

    class Meta:
        model = ImplementationProject
        fields = ["title", "unit", "understanding", "scope", "scope_note", "participating_units", "started_on"]
        widgets = {"participating_units": forms.CheckboxSelectMultiple}


class StakeholderForm(ScopedModelForm[StakeholderData]):
    payload_class = StakeholderData

    class Meta:
        model = Stakeholder
        fields = ["name", "function", "level", "status", "unit", "note"]


class ResourceForm(ScopedModelForm[ResourceData]):
    payload_class = ResourceData

    class Meta:
        model = ResourceEntry
        fields = ["kind", "title", "description", "phase", "unit"]


class SoarItemForm(ScopedModelForm[SoarItemData]):
    payload_class = SoarItemData

    class Meta:
        model = SoarItem
        fields = ["quadrant", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}


class InterviewQuestionForm(ScopedModelForm[InterviewQuestionData]):
    payload_class = InterviewQuestionData

    class Meta:
        model = InterviewQuestion
        fields = ["text", "position"]


class InterviewForm(ScopedModelForm[InterviewData]):
    payload_class = InterviewData
    conducted_on = date_field(label=_("conducted on"))

    class Meta:
        model = Interview
        fields = ["interviewee", "conducted_on", "interviewer", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 8})}


class StatementForm(ScopedModelForm[StatementData]):
    payload_class = StatementData

    class Meta:
        model = Statement
        fields = ["kind", "title", "text"]


class ActionForm(ScopedModelForm[ActionData]):
    payload_class = ActionData
    due_on = date_field(label=_("due on"), required=False)

    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due_on", "status"]


class RaciRowForm(ScopedModelForm[RaciRowData]):
    """One select per role (R, A, C, I or nothing); the service checks that exactly one is A."""

    payload_class = RaciRowData

    class Meta:
        model = RaciRow
        fields = ["phase", "activity", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.assignments if isinstance(self.instance.assignments, dict) else {}
        for party in Party:
            self.fields[f"raci_{party.value}"] = forms.ChoiceField(
                label=party.label,
                choices=[("", "–"), *Raci.choices],
                required=False,
                initial=current.get(party.value, ""),
            )

    def raci_fields(self) -> list[forms.BoundField]:
        return [self[f"raci_{party.value}"] for party in Party]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["assignments"] = {
            party.value: data.pop(f"raci_{party.value}") for party in Party if data.get(f"raci_{party.value}")
        }
        return data


class TemplateForm(ScopedModelForm[TemplateData]):
    payload_class = TemplateData

    class Meta:
        model = DocumentTemplate
        fields = ["kind", "language", "title", "subject", "body", "aims", "data_collected"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "aims": forms.Textarea(attrs={"rows": 4}),
            "data_collected": forms.Textarea(attrs={"rows": 4}),
        }


class RuleForm(ScopedModelForm[RuleData]):
    payload_class = RuleData

    class Meta:
        model = CommunicationRule
        fields = ["event", "recipient", "channel", "template", "active", "note"]


class KnowledgePageForm(ScopedModelForm[KnowledgePageData]):
    payload_class = KnowledgePageData

    class Meta:
        model = KnowledgePage
        fields = ["title", "body", "in_playbook", "position"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {"body": _("Markdown: # heading, **bold**, - list, [link](https://…). No HTML.")}


class SessionForm(ScopedModelForm[SessionData]):
    """Date and time in two fields (3.11.2026 and 12:00), combined in the current time zone."""

    payload_class = SessionData

    date = date_field(label=_("date"))
    online_url = forms.URLField(
        label=_("online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Sent only to people who signed up, in the confirmation and the reminder."),
    )
    start_time = forms.TimeField(label=_("time"), input_formats=["%H:%M", "%H.%M"], help_text=_("For example 12:00"))

    class Meta:
        model = OfficeHourSession
        fields = ["title", "description", "duration_minutes", "location", "online_url", "capacity", "host"]

    field_order = ["title", "description", "date", "start_time", "duration_minutes"]
    error_fields = {"starts_at": "date"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            local = timezone.localtime(self.instance.starts_at)
            self.fields["date"].initial = local.date()
            self.fields["start_time"].initial = local.time().replace(second=0, microsecond=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, at = data.pop("date", None), data.pop("start_time", None)
        if day is not None and isinstance(at, time):
            data["starts_at"] = timezone.make_aware(datetime.combine(day, at))
        return data


class SignupForm(forms.Form):
    """Public sign-up: only an e-mail address is required."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We use it only for the confirmation, the reminder and the link to this office hour."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    question = forms.CharField(
        label=_("Your question in advance"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    anonymous = forms.BooleanField(
        label=_("Show my question to the host without my name and e-mail address"), required=False
    )


STATEMENT_KINDS_OF_STAGE = {
    "dream": [StatementKind.VISION],
    "design": [StatementKind.PRINCIPLE, StatementKind.FUTURE_PICTURE],
}
