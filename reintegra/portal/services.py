"""Inviting a client to the portal and accepting the invite (the account is made).

The link goes only to the client, by e-mail; staff never see it, so no one else can take
the account over. An invitation never sets the password of an account that is already in
use: inviting a client who has one sends a sign-in reminder (username and address) instead,
and an older link opened for such an account is refused.
"""

import re
import unicodedata
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

from reintegra.accounts.models import Membership, Role, User
from reintegra.accounts.services import membership_grant
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.cases.services.common import ensure_open, event_record, log_change
from reintegra.core.links import absolute_url, new_token, token_hash
from reintegra.core.permissions import require
from reintegra.portal.models import PortalInvite
from reintegra.portal.permissions import can_invite_client

INVITE_DAYS = 7


def invite_url(token: str) -> str:
    return absolute_url(reverse("portal:accept", kwargs={"token": token}))


@dataclass
class CreatedInvite:
    invite: PortalInvite | None  # None: the client has an account; a sign-in reminder went out
    token: str  # e-mailed to the client only, never stored, never shown to staff
    url: str
    emailed: bool
    reminder: bool = False


def account_in_use(user: User | None) -> bool:
    """The client has an account they sign in with (an invitation must not touch it)."""
    return user is not None and user.is_active and user.has_usable_password()


def _send_reminder_mail(*, client: Any) -> None:
    sections = []
    for language in ("de", "en"):
        with translation.override(language):
            sections.append(
                render_to_string(
                    "portal/email/sign_in_reminder.txt",
                    {
                        "name": client.first_name,
                        "username": client.user.get_username(),
                        "url": absolute_url(reverse("accounts:login")),
                    },
                ).strip()
            )
    EmailMessage(
        subject="Reintegra: Anmeldung / Sign-in",
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[client.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


def _send_invite_mail(*, invite: PortalInvite, url: str) -> None:
    client = invite.client
    sections = []
    for language in ("de", "en"):
        with translation.override(language):
            sections.append(
                render_to_string(
                    "portal/email/invite.txt",
                    {"name": client.first_name, "url": url, "expires_at": invite.expires_at},
                ).strip()
            )
    EmailMessage(
        subject="Reintegra: Einladung / Invitation",  # generic: no name, no case, no health detail
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[client.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


@transaction.atomic
def portal_invite_create(*, actor: User, case: Case, send_email: bool = True) -> CreatedInvite:
    """A new one-time link for the case's client (7 days); older open invites of the client end now."""
    require(can_invite_client(actor, case), _("Only case managers and team leads may invite clients to the portal."))
    ensure_open(case)
    client = case.client
    if send_email and not client.email:
        raise ValidationError(
            {"email": [_("Enter the client's e-mail address first: the invitation goes only to them, by e-mail.")]}
        )
    now = timezone.now()
    if account_in_use(client.user):
        event_record(
            case=case,
            actor=actor,
            kind="portal_sign_in_reminder_sent",
            summary="Client reminded how to sign in to the client portal",
            new={"emailed": bool(send_email)},
        )
        log_change(actor=actor, case=case, object_type="portal_account", object_id=client.user_id)
        if send_email:
            transaction.on_commit(lambda: _send_reminder_mail(client=client))
        return CreatedInvite(invite=None, token="", url="", emailed=send_email, reminder=True)
    PortalInvite.objects.filter(client=client, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now, updated_at=now
    )
    token, hashed = new_token()
    invite = PortalInvite(
        case=case,
        client=client,
        token_hash=hashed,
        expires_at=now + timedelta(days=INVITE_DAYS),
        created_by=actor,
        sent_to=client.email if send_email and client.email else "",
    )
    invite.full_clean()
    invite.save()
    url = invite_url(token)
    event_record(
        case=case,
        actor=actor,
        kind="portal_invite_created",
        summary="Client invited to the client portal" + (" (sent by e-mail)" if invite.sent_to else ""),
        new={"invite": str(invite.pk), "emailed": bool(invite.sent_to), "expires_at": invite.expires_at.isoformat()},
    )
    log_change(actor=actor, case=case, object_type="portal_invite", object_id=invite.pk)
    if invite.sent_to:
        transaction.on_commit(lambda: _send_invite_mail(invite=invite, url=url))
    return CreatedInvite(invite=invite, token=token, url=url, emailed=bool(invite.sent_to))


def portal_invite_find(token: str) -> PortalInvite | None:
    """The invite a token belongs to (used and expired ones too), or None."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return (
        PortalInvite.objects.select_related("client", "case", "client__user")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _username_for(client: Any) -> str:
    """The client's e-mail address if no one uses it as a username yet, else first.last (ASCII) with a number."""
    email = (client.email or "").strip().lower()
    if email and len(email) <= 150 and not User.objects.filter(username__iexact=email).exists():
        return email
    name = unicodedata.normalize("NFKD", f"{client.first_name}.{client.last_name}").encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9.]+", "", name.lower().replace(" ", ".")).strip(".")[:140] or "client"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


def portal_invite_username(invite: PortalInvite) -> str:
    """The username the client signs in with: their existing account's, or the one about to be made."""
    user = invite.client.user
    return user.get_username() if user is not None else _username_for(invite.client)


@transaction.atomic
def portal_invite_accept(*, invite: PortalInvite, password: str, request: Any = None) -> User:
    """Use the invite: set the password (validators apply: `password` errors), link the account, close the invite.

    Raises ValidationError({"invite": …}) when it was used, revoked or has expired.
    """
    locked = PortalInvite.objects.select_for_update().select_related("client", "case").get(pk=invite.pk)
    if not locked.is_open:
        raise ValidationError({"invite": [_("This invitation link is no longer valid.")]})
    client = locked.client
    case = locked.case
    user = client.user
    if account_in_use(user):  # an old link must not set a new password for an account in use
        raise ValidationError({"invite": [_("This account is already set up: sign in with your password.")]})
    created = user is None
    if user is None:
        user = User(
            organisation_id=case.organisation_id,
            username=_username_for(client),
            first_name=client.first_name,
            last_name=client.last_name,
            email=client.email or "",
        )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    user.set_password(password)
    user.is_active = True
    user.full_clean()
    user.save()
    if created:
        client.user = user
        client.save(update_fields=["user", "updated_at"])
    if not Membership.objects.filter(user=user, role=Role.CLIENT).exists():
        membership_grant(user=user, role=Role.CLIENT)
    now = timezone.now()
    locked.used_at = now
    locked.save(update_fields=["used_at", "updated_at"])
    event_record(
        case=case,
        actor=user,
        kind="portal_invite_accepted",
        summary="Client portal account created" if created else "Client set a new portal password",
        new={"invite": str(locked.pk), "account": "created" if created else "password_set"},
    )
    access_log_write(
        user=user,
        action=AccessAction.CHANGE,
        object_type="portal_account",
        object_id=user.pk,
        case_id=case.pk,
        request=request,
    )
    return user
