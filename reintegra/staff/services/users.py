"""Changing, deactivating, unlocking and resetting staff accounts (organisation admins only)."""

from typing import Any, cast

from axes.utils import reset as axes_reset
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user

from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.accounts.passwords import password_reset_mail_send
from reintegra.accounts.services import membership_grant
from reintegra.accounts.tokens import api_tokens_revoke_all
from reintegra.core.exceptions import Conflict
from reintegra.core.permissions import require
from reintegra.staff.models import AdminActionKind, StaffInvitation
from reintegra.staff.permissions import can_administer_staff
from reintegra.staff.selectors import StaffStatus, org_admins_active, staff_status
from reintegra.staff.services.common import REFUSED, action_record, reason_required
from reintegra.staff.services.handover import cases_hand_over, open_cases_of
from reintegra.staff.services.invitations import _invitation_issue
from reintegra.staff.services.roles import RoleInput, email_free, roles_validate

LAST_ADMIN = gettext_lazy(
    "This is the organisation's last active admin: give someone else the organisation admin role first."
)


def _is_last_admin(user: User) -> bool:
    organisation = user.organisation
    return (
        user.is_active
        and Membership.objects.filter(user=user, role=Role.ORG_ADMIN).exists()
        and not org_admins_active(organisation).exclude(pk=user.pk).exists()
    )


@transaction.atomic
def staff_update(
    *,
    actor: User,
    user: User,
    email: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    roles: list[RoleInput] | None = None,
    request: Any = None,
) -> User:
    """Change a person's e-mail, name and roles (`roles` replaces their staff roles)."""
    require(can_administer_staff(actor, user), REFUSED)
    organisation = cast(Organisation, user.organisation)
    errors: dict[str, list[str]] = {}
    changed: dict[str, Any] = {}
    fields: list[str] = []
    if email is not None:
        email = email.strip()
        if not email:
            errors["email"] = [_("Enter an e-mail address.")]
        elif email.lower() != (user.email or "").lower() and not email_free(email, exclude=user):
            errors["email"] = [_("This e-mail address is already in use by another account.")]
        elif email != user.email:
            user.email, changed["email"] = email, "changed"
            fields.append("email")
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None and value.strip() != getattr(user, name):
            setattr(user, name, value.strip())
            changed[name] = "changed"
            fields.append(name)
    new_roles: list[Any] | None = None
    if roles is not None:
        try:
            new_roles = roles_validate(organisation=organisation, roles=roles)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        else:
            if not new_roles:
                errors["roles"] = [_("Give the person at least one role.")]
            elif _is_last_admin(user) and Role.ORG_ADMIN not in {role for role, _unit in new_roles}:
                errors["roles"] = [str(LAST_ADMIN)]
    if fields:
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if fields:
        user.save(update_fields=fields)
    if new_roles is not None:
        wanted = {(role, unit.pk if unit else None) for role, unit in new_roles}
        current = Membership.objects.filter(user=user).exclude(role=Role.CLIENT)
        held = {(m.role, m.unit_id) for m in current}
        if wanted != held:
            for membership in current:
                if (membership.role, membership.unit_id) not in wanted:
                    membership.delete()
            for role, unit in new_roles:
                membership_grant(user=user, role=role, unit=unit)
            changed["roles"] = sorted([role, str(unit) if unit else None] for role, unit in wanted)
            user.__dict__.pop("_membership_cache", None)
    if "email" in changed and staff_status(user) == StaffStatus.INVITED:
        _invitation_issue(user=user, actor=actor)  # the open link went to the old address
    if changed:
        action_record(
            actor=actor,
            organisation=organisation,
            kind=AdminActionKind.CHANGE,
            user=user,
            data=changed,
            request=request,
        )
    return user


@transaction.atomic
def staff_deactivate(
    *, actor: User, user: User, reason: str, handover_to: User | None = None, request: Any = None
) -> int:
    """The person can no longer sign in (sessions and API tokens stop at once); their open cases,
    managed and deputised, go to `handover_to`, each with a timeline entry. Returns how many moved."""
    require(can_administer_staff(actor, user), REFUSED)
    if staff_status(user) == StaffStatus.DEACTIVATED:
        raise Conflict(_("This person is already deactivated."))
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give a reason: it is kept with the action.")]
    if user.pk == actor.pk:
        errors["user"] = [_("You cannot deactivate your own account: ask another organisation admin.")]
    elif _is_last_admin(user):
        errors["user"] = [str(LAST_ADMIN)]
    cases = open_cases_of(user)
    if handover_to is not None:
        if handover_to.organisation_id != user.organisation_id:
            errors["handover_to"] = [_("Choose a person of your organisation.")]
        elif not handover_to.is_active or staff_status(handover_to) != StaffStatus.ACTIVE:
            errors["handover_to"] = [_("This person is deactivated or has not yet accepted the invitation.")]
        elif handover_to.pk == user.pk:
            errors["handover_to"] = [_("Choose someone other than the person being deactivated.")]
        elif cases and not Membership.objects.filter(user=handover_to, role=Role.CASE_MANAGER).exists():
            errors["handover_to"] = [_("Choose an active case manager: the open cases go to them.")]
    elif cases:
        errors["handover_to"] = [
            _("This person has %(count)s open cases: choose the case manager who takes them over.")
            % {"count": len(cases)}
        ]
    if errors:
        raise ValidationError(errors)
    reason = reason.strip()
    moved = cases_hand_over(actor=actor, from_user=user, to_user=handover_to, reason=reason) if cases else 0
    user.is_active = False
    user.save(update_fields=["is_active"])  # the session backend refuses inactive people on the next request
    api_tokens_revoke_all(user=user)
    StaffInvitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    action_record(
        actor=actor,
        organisation=user.organisation,
        kind=AdminActionKind.DEACTIVATE,
        user=user,
        reason=reason,
        data={"handover_to": str(handover_to.pk) if handover_to else None, "moved_cases": moved},
        request=request,
    )
    return moved


@transaction.atomic
def staff_second_factor_reset(*, actor: User, user: User, reason: str, request: Any = None) -> int:
    """Remove the person's second factor (a lost phone); they set up a new one at the next sign-in
    where the organisation requires it. Returns how many devices were removed."""
    require(can_administer_staff(actor, user), REFUSED)
    reason = reason_required(reason)
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    action_record(
        actor=actor,
        organisation=user.organisation,
        kind=AdminActionKind.SECOND_FACTOR_RESET,
        user=user,
        reason=reason,
        data={"devices": removed},
        request=request,
    )
    return removed


@transaction.atomic
def staff_unlock(*, actor: User, user: User, reason: str, request: Any = None) -> None:
    """Lift a sign-in lockout (django-axes) of the person, from every address."""
    require(can_administer_staff(actor, user), REFUSED)
    reason = reason_required(reason)
    axes_reset(username=user.get_username())
    action_record(
        actor=actor, organisation=user.organisation, kind=AdminActionKind.UNLOCK, user=user, reason=reason,
        request=request,
    )  # fmt: skip


@transaction.atomic
def staff_password_reset(*, actor: User, user: User, request: Any = None) -> None:
    """E-mail the person a one-time link to choose a new password (the self-service one)."""
    require(can_administer_staff(actor, user), REFUSED)
    if staff_status(user) != StaffStatus.ACTIVE:
        raise ValidationError(
            {"user": [_("Only active accounts get a password reset: invite the person again instead.")]}
        )
    if not user.email:
        raise ValidationError({"email": [_("Enter the person's e-mail address first.")]})
    transaction.on_commit(lambda: password_reset_mail_send(user=user, request=request))
    action_record(
        actor=actor, organisation=user.organisation, kind=AdminActionKind.PASSWORD_RESET, user=user, request=request
    )
