"""State changes for organisations, units, users and memberships."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, Organisation, Role, Unit, User

# What other apps set up for a new organisation (the cases app: the shipped case types), in the
# creating transaction. Apps that depend on accounts register here from their `AppConfig.ready()`,
# so accounts imports none of them.
ORGANISATION_SET_UP: list[Callable[..., object]] = []


def organisation_set_up_register(step: Callable[..., object]) -> None:
    """`step(*, organisation)` runs for every organisation `organisation_create` makes."""
    if step not in ORGANISATION_SET_UP:
        ORGANISATION_SET_UP.append(step)


@transaction.atomic
def organisation_create(*, name: str, currency: str = "CHF") -> Organisation:
    organisation = Organisation(name=name, currency=currency)
    organisation.full_clean()
    organisation.save()
    for step in ORGANISATION_SET_UP:
        step(organisation=organisation)
    return organisation


def unit_create(*, organisation: Organisation, name: str) -> Unit:
    unit = Unit(organisation=organisation, name=name)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def user_create(
    *,
    organisation: Organisation | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    validate: bool = True,
) -> User:
    user = User(organisation=organisation, username=username, first_name=first_name, last_name=last_name, email=email)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


def membership_grant(*, user: User, role: str, unit: Unit | None = None) -> Membership:
    """Give `user` a role (idempotent). The unit must belong to the user's organisation."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)r.") % {"role": role}})
    if user.organisation is None:
        raise ValidationError({"user": _("The user belongs to no organisation.")})
    if unit is not None and unit.organisation_id != user.organisation_id:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    membership, _created = Membership.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"organisation": user.organisation}
    )
    user.__dict__.pop("_membership_cache", None)  # roles are cached per request on the user object
    return membership


def user_language_set(*, user: User, language: str) -> User:
    """The language pages and e-mails follow for this person ("" = the browser's)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose one of the offered languages.")]})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
