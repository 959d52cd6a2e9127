"""Reads of the organisation's staff and units (staff only: never client portal accounts)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from reintegra.accounts.models import STAFF_ROLES, Membership, Organisation, Role, Unit, User
from reintegra.staff.models import AdminAction, AdminActionKind, StaffInvitation


class StaffStatus:
    ACTIVE = "active"
    INVITED = "invited"
    DEACTIVATED = "deactivated"


def staff_of(organisation: Organisation | Any) -> QuerySet[User]:
    """People holding at least one staff role in the organisation, with their memberships."""
    organisation_id: Any = getattr(organisation, "pk", organisation)
    return (
        User.objects.filter(
            organisation_id=organisation_id,
            memberships__organisation_id=organisation_id,
            memberships__role__in=[str(role) for role in STAFF_ROLES],
        )
        .distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organisation_id=organisation_id).select_related("unit"),
            )
        )
    )


def staff_member_get(*, organisation: Organisation | Any, user_id: Any) -> User:
    """One staff member of the organisation; 404 for anyone else (another organisation, portal accounts)."""
    try:
        return staff_of(organisation).get(pk=user_id)
    except (User.DoesNotExist, ValidationError, ValueError, TypeError) as exc:  # also a malformed id
        raise Http404 from exc


def staff_roles(user: User) -> list[dict[str, Any]]:
    """The person's roles as `{role, unit}` (unit id or None), staff and portal roles alike."""
    memberships = sorted(user.memberships.all(), key=lambda m: (list(Role.values).index(m.role), str(m.unit or "")))
    return [{"role": m.role, "unit": m.unit_id, "unit_name": m.unit.name if m.unit else ""} for m in memberships]


def staff_status(user: User) -> str:
    if user.is_active:
        return StaffStatus.ACTIVE
    if AdminAction.objects.filter(user=user, kind=AdminActionKind.DEACTIVATE).exists():
        return StaffStatus.DEACTIVATED
    return StaffStatus.INVITED


def staff_statuses(users: list[User]) -> dict[Any, str]:
    """The status of each person, in one query for all the inactive ones."""
    inactive = [u.pk for u in users if not u.is_active]
    deactivated = set(
        AdminAction.objects.filter(user_id__in=inactive, kind=AdminActionKind.DEACTIVATE).values_list(
            "user_id", flat=True
        )
    )
    return {
        u.pk: StaffStatus.ACTIVE
        if u.is_active
        else (StaffStatus.DEACTIVATED if u.pk in deactivated else StaffStatus.INVITED)
        for u in users
    }


def units_of(organisation: Organisation | Any, *, include_closed: bool = False) -> QuerySet[Unit]:
    organisation_id: Any = getattr(organisation, "pk", organisation)
    units = Unit.objects.filter(organisation_id=organisation_id)
    return units if include_closed else units.filter(closed_at__isnull=True)


def unit_get(*, organisation: Organisation | Any, unit_id: Any) -> Unit:
    try:
        return units_of(organisation, include_closed=True).get(pk=unit_id)
    except (Unit.DoesNotExist, ValidationError, ValueError, TypeError) as exc:  # another organisation's too
        raise Http404 from exc


def is_active_org_admin(user: User) -> bool:
    return user.is_active and Membership.objects.filter(user=user, role=Role.ORG_ADMIN).exists()


def org_admins_active(organisation: Organisation | Any) -> QuerySet[User]:
    return User.objects.filter(
        organisation_id=getattr(organisation, "pk", organisation),
        is_active=True,
        memberships__role=Role.ORG_ADMIN,
    ).distinct()


def invitation_last(user: User) -> StaffInvitation | None:
    return StaffInvitation.objects.filter(user=user).order_by("-created_at").first()


def admin_actions_of(user: User) -> QuerySet[AdminAction]:
    return AdminAction.objects.filter(user=user).select_related("actor").order_by("-created_at")


def handover_candidates(organisation: Organisation | Any, *, exclude: User | None = None) -> QuerySet[User]:
    """Active case managers of the organisation: who can take over someone's open cases."""
    people = User.objects.filter(
        organisation_id=getattr(organisation, "pk", organisation), is_active=True, memberships__role=Role.CASE_MANAGER
    ).distinct()
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.order_by("last_name", "first_name", "username")
