"""Forms of the staff page: only validation, no workflow (the services decide)."""

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Role, User
from reintegra.staff.selectors import handover_candidates, units_of
from reintegra.staff.services.organisation import LOGO_MAX_BYTES, logo_check

# Roles given per unit (or organisation-wide); the others are organisation-wide only. Employer
# contacts are portal accounts: they are invited from the case (the participant's row), so the
# staff page does not offer that role (the API still accepts it, as API.md lists it).
UNIT_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD)
ORG_ROLES = (Role.ORG_ADMIN, Role.DATA_PROTECTION)


def role_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """`role|unit id` keys (`role|` organisation-wide) with readable labels."""
    units = list(units_of(organisation))
    choices: list[tuple[str, str]] = []
    for role in UNIT_ROLES:
        for unit in units:
            choices.append((f"{role}|{unit.pk}", f"{role.label} – {unit.name}"))
        whole = _("whole organisation")
        choices.append((f"{role}|", f"{role.label} – {whole}"))
    for role in ORG_ROLES:
        choices.append((f"{role}|", str(role.label)))
    return choices


def roles_from_keys(keys: list[str]) -> list[dict[str, Any]]:
    roles = []
    for key in keys:
        role, _sep, unit = key.partition("|")
        roles.append({"role": role, "unit": unit or None})
    return roles


def keys_from_roles(user: User) -> list[str]:
    return [f"{m.role}|{m.unit_id or ''}" for m in user.memberships.all() if m.role != Role.CLIENT]


class _RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple, help_text=_("Per unit where the role is bound to one.")
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices(organisation)  # type: ignore[attr-defined]


class InviteForm(_RolesForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("The invitation goes here. No other account may use it.")
    )
    username = forms.CharField(label=_("Username"), max_length=150, help_text=_("What the person signs in with."))
    field_order = ["first_name", "last_name", "email", "username", "roles"]


class StaffEditForm(_RolesForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    field_order = ["first_name", "last_name", "email", "roles"]


class DeactivateForm(forms.Form):
    handover_to = forms.ModelChoiceField(
        label=_("Hand open cases over to"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("An active case manager. Needed when the person manages or deputises open cases."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args: Any, organisation: Organisation, exclude: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handover_to"]
        field.queryset = handover_candidates(organisation, exclude=exclude)  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.display_name  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name of the unit"), max_length=200)


class UnitCloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )


class InvitationPasswordForm(SetPasswordForm):
    """The invited person's new password, twice (the validators run in the service too)."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Password")
        self.fields["new_password2"].label = _("Password again")


class OrganisationForm(forms.ModelForm):
    """The organisation's settings and letterhead (the service validates the time zone, uniqueness and
    the logo again)."""

    logo = forms.FileField(
        label=_("Logo for letters"),
        required=False,
        help_text=_("PNG or JPEG, at most 512 KB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "slug",
            "currency",
            "timezone",
            "case_managers_see_unit",
            "require_second_factor",
            "postal_address",
            "place",
        ]
        labels = {"timezone": _("Time zone (e.g. Europe/Zurich)")}
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 5})}

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo may be at most 512 KB."))
        try:
            return logo_check(upload.read())
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["logo"]) from exc
