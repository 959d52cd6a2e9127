"""Portal forms: validation only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.assessments.models import ItemKind

PROBLEM_SCALE = [
    (0, _("0 – no problem")),
    (1, _("1 – a small problem")),
    (2, _("2 – a moderate problem")),
    (3, _("3 – a big problem")),
    (4, _("4 – a very big problem")),
]
RESOURCE_SCALE = [
    (0, _("0 – not there")),
    (1, _("1 – a little")),
    (2, _("2 – some")),
    (3, _("3 – good")),
    (4, _("4 – strong")),
]


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        help_text=_("At least 10 characters. Use a sentence or several words you can remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    password_confirm = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password") and data.get("password_confirm") and data["password"] != data["password_confirm"]:
            self.add_error("password_confirm", _("The two passwords are not the same. Enter the same password twice."))
        return data


class RatingForm(forms.Form):
    client_rating = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a rating from 0 to 4."),
            "invalid_choice": _("Choose a rating from 0 to 4."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: object, kind: str = ItemKind.PROBLEM, prefix_id: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        scale = RESOURCE_SCALE if kind == ItemKind.RESOURCE else PROBLEM_SCALE
        self.fields["client_rating"].choices = scale  # type: ignore[attr-defined]


class DoneForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What was done, in a sentence or two. Please write no health details."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Write a short note on what was done.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
