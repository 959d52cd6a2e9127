"""Reads about people and their roles."""

from django.db.models import QuerySet

from reintegra.accounts.models import PORTAL_ROLES, STAFF_ROLES, Membership, Role, Unit, User


def user_roles(user: User) -> list[str]:
    """The distinct role keys a user holds, in the order Role declares them."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_role_cache", None)
    if cache is None:
        held = set(Membership.objects.filter(user=user).values_list("role", flat=True))
        cache = [role.value for role in Role if role.value in held]
        user._role_cache = cache  # type: ignore[attr-defined]
    return cache


def user_has_role(user: User, *roles: str) -> bool:
    return any(role in user_roles(user) for role in roles)


def user_is_staff_member(user: User) -> bool:
    return any(role in STAFF_ROLES for role in user_roles(user))


def user_is_portal_only(user: User) -> bool:
    roles = user_roles(user)
    return bool(roles) and all(role in PORTAL_ROLES for role in roles)


def units_for_role(user: User, role: str) -> QuerySet[Unit]:
    return Unit.objects.filter(memberships__user=user, memberships__role=role).distinct()
