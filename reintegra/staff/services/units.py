"""Units of the organisation: create, rename, close (organisation admins only)."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, Organisation, Unit, User
from reintegra.cases.models import Case, CaseStatus
from reintegra.core.exceptions import Conflict
from reintegra.core.permissions import require
from reintegra.staff.models import AdminActionKind
from reintegra.staff.permissions import can_administer_staff
from reintegra.staff.services.common import REFUSED, action_record


def _name_checked(*, organisation: Organisation, name: str, unit: Unit | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Enter the unit's name.")]})
    if len(name) > 200:
        raise ValidationError({"name": [_("Use at most 200 characters.")]})
    others = Unit.objects.filter(organisation=organisation, name__iexact=name)
    if unit is not None:
        others = others.exclude(pk=unit.pk)
    if others.exists():
        raise ValidationError({"name": [_("Your organisation already has a unit of this name.")]})
    return name


@transaction.atomic
def unit_add(*, actor: User, name: str, request: Any = None) -> Unit:
    require(can_administer_staff(actor), REFUSED)
    organisation = cast(Organisation, actor.organisation)
    unit = Unit(organisation=organisation, name=_name_checked(organisation=organisation, name=name))
    unit.full_clean()
    unit.save()
    action_record(
        actor=actor, organisation=organisation, kind=AdminActionKind.UNIT_CREATE, unit=unit, data={"name": unit.name},
        request=request,
    )  # fmt: skip
    return unit


@transaction.atomic
def unit_rename(*, actor: User, unit: Unit, name: str, request: Any = None) -> Unit:
    require(can_administer_staff(actor, unit), REFUSED)
    new_name = _name_checked(organisation=unit.organisation, name=name, unit=unit)
    if new_name != unit.name:
        old_name, unit.name = unit.name, new_name
        unit.save(update_fields=["name", "updated_at"])
        action_record(
            actor=actor, organisation=unit.organisation, kind=AdminActionKind.UNIT_RENAME, unit=unit,
            data={"old": old_name, "new": new_name}, request=request,
        )  # fmt: skip
    return unit


@transaction.atomic
def unit_close(*, actor: User, unit: Unit, reason: str = "", request: Any = None) -> int:
    """Close a unit without open cases: it takes no new roles or cases; the roles held in it end.

    Returns how many roles ended. Open cases answer `400 {"unit": …}` (reassign them first).
    """
    require(can_administer_staff(actor, unit), REFUSED)
    if unit.closed_at is not None:
        raise Conflict(_("This unit is already closed."))
    open_cases = Case.objects.filter(unit=unit, status=CaseStatus.OPEN).count()
    if open_cases:
        raise ValidationError(
            {
                "unit": [
                    _("The unit still has %(count)s open cases: hand them over to another unit first.")
                    % {"count": open_cases}
                ]
            }
        )
    ended, _rows = Membership.objects.filter(unit=unit).delete()
    unit.closed_at = timezone.now()
    unit.save(update_fields=["closed_at", "updated_at"])
    action_record(
        actor=actor, organisation=unit.organisation, kind=AdminActionKind.UNIT_CLOSE, unit=unit,
        reason=(reason or "").strip(), data={"roles_ended": ended}, request=request,
    )  # fmt: skip
    return ended
