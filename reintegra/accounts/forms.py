"""Forms for accounts: only validation, no workflow."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is not correct. Check both and try again."),
        "inactive": _("This account is inactive. Ask your organisation's administrator."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        self.fields["username"].widget = forms.TextInput(attrs={"autocomplete": "username", "autofocus": True})


class OtpTokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the 6 digits your app shows, for example 123456.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class PasswordResetRequestForm(PasswordResetForm):
    """The address to send a reset link to; the answer is the same whether or not it exists."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["email"].label = _("E-mail address")

    def save(self, request: object = None, **kwargs: object) -> None:  # type: ignore[override]
        from reintegra.accounts.passwords import password_reset_mail_send

        for user in self.get_users(self.cleaned_data["email"]):
            password_reset_mail_send(user=user, request=request)
