"""Roles per unit and e-mail addresses, validated once for inviting and changing people."""

from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation, Role, Unit, User


class RoleInput(TypedDict, total=False):
    role: str
    unit: Unit | str | None  # a unit of the organisation (or its id); None: organisation-wide


# Roles the staff page gives: every role but the client's (clients get their account from their case).
ASSIGNABLE_ROLES = (Role.CASE_MANAGER, Role.TEAM_LEAD, Role.EMPLOYER_CONTACT, Role.DATA_PROTECTION, Role.ORG_ADMIN)


def roles_validate(*, organisation: Organisation, roles: list[RoleInput]) -> list[tuple[str, Unit | None]]:
    """`[(role, unit)]` without duplicates; `400 {"roles": […]}` naming what is wrong."""
    if not isinstance(roles, list):
        raise ValidationError({"roles": [_("Give a list of roles.")]})
    allowed = [str(role) for role in ASSIGNABLE_ROLES]
    result: list[tuple[str, Unit | None]] = []
    errors: list[str] = []
    for entry in roles:
        role = str(entry.get("role") or "") if isinstance(entry, dict) else ""
        if role not in allowed:
            errors.append(
                _("Unknown role %(role)r: choose one of %(roles)s.") % {"role": role, "roles": ", ".join(allowed)}
            )
            continue
        unit: Any = entry.get("unit")
        if unit not in (None, ""):
            unit_id = getattr(unit, "pk", unit)
            try:
                unit = Unit.objects.get(pk=unit_id, organisation=organisation, closed_at__isnull=True)
            except (Unit.DoesNotExist, ValidationError, ValueError):
                errors.append(_("Choose an open unit of your organisation."))
                continue
        else:
            unit = None
        if (role, unit) not in result:
            result.append((role, unit))
    if errors:
        raise ValidationError({"roles": errors})
    return result


def email_free(email: str, *, exclude: User | None = None) -> bool:
    """No other account (of any organisation) uses this address: it receives invitations and resets."""
    others = User.objects.filter(email__iexact=email.strip())
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return not others.exists()
