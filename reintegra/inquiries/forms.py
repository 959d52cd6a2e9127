"""Forms only check the shape of what was sent; the services give the real verdict (and its message)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.inquiries.models import MESSAGE_MAX_LENGTH
from reintegra.inquiries.services import NOTE_MAX_LENGTH


def _text_area(rows: int = 6, max_length: int = MESSAGE_MAX_LENGTH, *, needed: bool = True) -> forms.Textarea:
    # maxlength helps the browser; the service still checks (and says how many characters were too many).
    # `required` marks a text the service insists on (the label shows no "optional"; the forms are
    # `novalidate`, so the service's own message is what the person reads).
    attrs: dict[str, Any] = {"rows": rows, "maxlength": str(max_length)}
    if needed:
        attrs["required"] = True
    return forms.Textarea(attrs=attrs)


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        help_text=_("At most 5,000 characters. You do not need to write your name."),
        widget=_text_area(8),
        required=False,
        strip=False,
    )


class ThreadAccessForm(forms.Form):
    """Code and passphrase: typed in when coming back, hidden fields on the thread page afterwards."""

    code = forms.CharField(label=_("Code"), required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    passphrase = forms.CharField(
        label=_("Passphrase"),
        required=False,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
    )

    def credentials(self) -> tuple[str, str]:
        data: Any = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return data.get("code", ""), data.get("passphrase", "")


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=_text_area(5), required=False, strip=False)


class IdentifyForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), required=False)
    last_name = forms.CharField(label=_("Last name"), required=False)
    contact = forms.CharField(
        label=_("How can case management reach you?"),
        help_text=_("E-mail address or telephone number."),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I agree that case management opens a case with my name and copies this conversation into it."),
        required=False,
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Reply"), widget=_text_area(5), required=False, strip=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note"),
        help_text=_("Only case management sees it, never the person asking."),
        widget=_text_area(3, NOTE_MAX_LENGTH, needed=False),
        required=False,
        strip=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class OpenCaseForm(forms.Form):
    case_type: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Case type"),
        queryset=None,  # type: ignore[arg-type]  # set per organisation in __init__
        empty_label=None,
    )

    def __init__(self, *args: Any, case_types: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_type"].queryset = case_types  # type: ignore[attr-defined]
