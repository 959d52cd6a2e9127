"""Reads about people and their roles."""

from typing import Any

from django.db.models import QuerySet

from reintegra.accounts.models import PORTAL_ROLES, STAFF_ROLES, Membership, Role, Unit, User


def user_memberships(user: User) -> list[tuple[str, Any]]:
    """(role, unit id) pairs of the user in their organisation; one query per request, cached on the user."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_membership_cache", None)
    if cache is None:
        cache = list(
            Membership.objects.filter(user=user, organisation=user.organisation).values_list("role", "unit_id")
        )
        user._membership_cache = cache  # type: ignore[attr-defined]
    return cache


def user_roles(user: User) -> list[str]:
    """The distinct role keys a user holds, in the order Role declares them."""
    held = {role for role, _unit in user_memberships(user)}
    return [role.value for role in Role if role.value in held]


def user_has_role(user: User, *roles: str) -> bool:
    return any(role in user_roles(user) for role in roles)


def user_is_staff_member(user: User) -> bool:
    return any(role in STAFF_ROLES for role in user_roles(user))


def user_is_portal_only(user: User) -> bool:
    roles = user_roles(user)
    return bool(roles) and all(role in PORTAL_ROLES for role in roles)


def units_for_role(user: User, role: str) -> QuerySet[Unit]:
    return Unit.objects.filter(memberships__user=user, memberships__role=role).distinct()


def staff_members(*, organisation_id: Any, roles: Any = None) -> QuerySet[User]:
    """Active staff of an organisation (holding one of `roles`, by default any staff role), never
    client or other portal accounts: what every picker of people offers (owners, deputies,
    interviewers, assignees, case managers)."""
    wanted = list(roles) if roles is not None else list(STAFF_ROLES)
    return (
        User.objects.filter(
            organisation_id=organisation_id,
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=wanted,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
