"""Staff administration objects of the matrix organisation: a colleague to administer, an open invitation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from reintegra.accounts.models import Role, User


def staff_objects(org: Any, unit: Any) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(URL keywords shared by the staff routes, route → its own keywords)."""
    from reintegra.accounts.tests.factories import UserFactory, member
    from reintegra.core.links import new_token
    from reintegra.staff.models import StaffInvitation

    colleague = member(UserFactory(username="am_colleague", organisation=org), Role.CASE_MANAGER, unit)
    invited = User.objects.create(
        username="am_invited", organisation=org, email="invited@matrix.example", is_active=False
    )
    member(invited, Role.CASE_MANAGER, unit)
    token, hashed = new_token()
    StaffInvitation.objects.create(
        user=invited, token_hash=hashed, expires_at=timezone.now() + timedelta(days=7), sent_to=invited.email
    )
    kwargs = {"user_id": str(colleague.pk), "unit_id": str(unit.pk)}
    routes = {
        "staff:invitation": {"token": token},
        "accounts:password_reset_confirm": {"uidb64": "MA", "token": "not-a-token"},
    }
    return kwargs, routes
