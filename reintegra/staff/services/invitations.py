"""Inviting staff: the person is made inactive with their roles, and a one-time, expiring link is
e-mailed to them (never shown to anyone else); with it they choose their password.

The link's token is stored only as its SHA-256. A new invitation ends the older open ones. An
expired link may ask for a new one: it goes to the address on file, at most once an hour.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation, User
from reintegra.accounts.services import membership_grant
from reintegra.accounts.tokens import api_tokens_revoke_all
from reintegra.core.links import absolute_url, new_token, token_hash
from reintegra.core.permissions import require
from reintegra.staff.models import AdminActionKind, StaffInvitation
from reintegra.staff.permissions import can_administer_staff
from reintegra.staff.selectors import StaffStatus, staff_status
from reintegra.staff.services.common import REFUSED, action_record
from reintegra.staff.services.roles import RoleInput, email_free, roles_validate

RENEW_AFTER = timedelta(hours=1)  # an expired link asks for a new one at most this often


def invitation_days() -> int:
    return int(getattr(settings, "REINTEGRA_STAFF_INVITATION_DAYS", 7) or 7)


def invitation_url(token: str) -> str:
    return absolute_url(reverse("staff:invitation", kwargs={"token": token}))


def _send_mail(*, invitation: StaffInvitation, url: str) -> None:
    user = invitation.user
    organisation = user.organisation
    sections = []
    for language in ("de", "en"):
        with translation.override(language):
            sections.append(
                render_to_string(
                    "staff/email/invitation.txt",
                    {
                        "name": user.first_name or user.username,
                        "organisation": organisation.name if organisation else "",
                        "username": user.username,
                        "url": url,
                        "expires_at": invitation.expires_at,
                    },
                ).strip()
            )
    EmailMessage(
        subject="Reintegra: Einladung / Invitation",
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.sent_to],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


def _invitation_issue(*, user: User, actor: User | None) -> StaffInvitation:
    """A new link for the person (older open ones end now), e-mailed when the transaction commits."""
    now = timezone.now()
    StaffInvitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now, updated_at=now
    )
    token, hashed = new_token()
    invitation = StaffInvitation.objects.create(
        user=user,
        token_hash=hashed,
        expires_at=now + timedelta(days=invitation_days()),
        sent_to=user.email,
        created_by=actor,
    )
    url = invitation_url(token)
    transaction.on_commit(lambda: _send_mail(invitation=invitation, url=url))
    return invitation


@dataclass
class StaffData:
    username: str
    email: str
    first_name: str = ""
    last_name: str = ""
    roles: list[RoleInput] | None = None


@transaction.atomic
def staff_invite(*, actor: User | None, organisation: Organisation, data: StaffData, request: Any = None) -> User:
    """Make the person (inactive, no usable password) with their roles and e-mail them an invitation.

    `actor` None: the first admin of a new organisation (`manage.py create_organisation`).
    """
    if actor is not None:
        require(can_administer_staff(actor) and actor.organisation_id == organisation.pk, REFUSED)
    email = (data.email or "").strip()
    errors: dict[str, list[str]] = {}
    if not email:
        errors["email"] = [_("Enter the e-mail address the invitation goes to.")]
    elif not email_free(email):
        errors["email"] = [_("This e-mail address is already in use by another account.")]
    roles = []
    try:
        roles = roles_validate(organisation=organisation, roles=data.roles or [])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not roles and "roles" not in errors:
        errors["roles"] = [_("Give the person at least one role.")]
    user = User(
        organisation=organisation,
        username=(data.username or "").strip(),
        first_name=(data.first_name or "").strip(),
        last_name=(data.last_name or "").strip(),
        email=email,
        is_active=False,
    )
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            if field != "password":
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    user.save()
    for role, unit in roles:
        membership_grant(user=user, role=role, unit=unit)
    invitation = _invitation_issue(user=user, actor=actor)
    action_record(
        actor=actor,
        organisation=organisation,
        kind=AdminActionKind.INVITE,
        user=user,
        data={
            "roles": [[role, str(unit.pk) if unit else None] for role, unit in roles],
            "invitation": str(invitation.pk),
        },
        request=request,
    )
    return user


@transaction.atomic
def staff_invite_again(*, actor: User, user: User, request: Any = None) -> StaffInvitation:
    """A new invitation for someone who has not yet set a password (the older link stops working)."""
    require(can_administer_staff(actor, user), REFUSED)
    if staff_status(user) != StaffStatus.INVITED:
        raise ValidationError(
            {"user": [_("Only people who have not yet accepted their invitation can be invited again.")]}
        )
    if not user.email:
        raise ValidationError({"email": [_("Enter the person's e-mail address first.")]})
    invitation = _invitation_issue(user=user, actor=actor)
    action_record(
        actor=actor,
        organisation=user.organisation,
        kind=AdminActionKind.INVITE_AGAIN,
        user=user,
        data={"invitation": str(invitation.pk)},
        request=request,
    )
    return invitation


def invitation_find(token: str) -> StaffInvitation | None:
    """The invitation a token belongs to (used and expired ones too), or None."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return (
        StaffInvitation.objects.select_related("user", "user__organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: StaffInvitation, password: str) -> User:
    """Use the link: set the password (validators apply: `password` errors), activate, close the link.

    Raises ValidationError({"invitation": …}) when it was used, revoked or has expired.
    """
    locked = StaffInvitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    user = locked.user
    if not locked.is_open or staff_status(user) == StaffStatus.DEACTIVATED:
        raise ValidationError({"invitation": [_("This invitation link is no longer valid.")]})
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    api_tokens_revoke_all(user=user)
    now = timezone.now()
    locked.used_at = now
    locked.save(update_fields=["used_at", "updated_at"])
    return user


@transaction.atomic
def invitation_renew(*, invitation: StaffInvitation) -> bool:
    """An expired link asks for a new one: sent to the address on file, at most once an hour.

    Returns whether one was sent; the page says the same either way.
    """
    locked = StaffInvitation.objects.select_for_update(of=("self",)).select_related("user").get(pk=invitation.pk)
    user = locked.user
    if not locked.is_expired or not user.email or staff_status(user) != StaffStatus.INVITED:
        return False
    newer = StaffInvitation.objects.filter(user=user, created_at__gt=locked.created_at)
    if newer.filter(created_at__gt=timezone.now() - RENEW_AFTER).exists():
        return False
    _invitation_issue(user=user, actor=None)
    action_record(
        actor=None, organisation=user.organisation, kind=AdminActionKind.INVITE_AGAIN, user=user,
        data={"asked_by_link": True},
    )  # fmt: skip
    return True
