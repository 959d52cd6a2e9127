"""Inviting a client or a participant to the portal and accepting the invite (the account is made).

The link goes only to the client, by e-mail; staff never see it, so no one else can take
the account over. An invitation never sets the password of an account that is already in
use: inviting a client who has one sends a sign-in reminder (username and address) instead,
and an older link opened for such an account is refused.

Participants (employer contact, physician, works council, …) are invited the same way from their
row on the case page (`participant=`): the link goes to the participant's e-mail address, and the
account made on acceptance is linked to that participant. What they then see of the case still
depends on the client's consent (the disclosure rule). An existing portal account of the
organisation can be linked to a participant instead (`participant_account_link`).
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
from django.utils.translation import pgettext

from reintegra.accounts.models import PORTAL_ROLES, Membership, Role, User
from reintegra.accounts.selectors import user_is_portal_only
from reintegra.accounts.services import membership_grant
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Participant
from reintegra.cases.services.common import ensure_open, event_record, log_change
from reintegra.core.languages import email_languages
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


@dataclass
class Invitee:
    """Who an invitation goes to: the case's client, or one of its participants."""

    first_name: str
    last_name: str
    email: str
    user: User | None
    participant: Participant | None = None
    language: str = ""  # their e-mails in this language ("": German and English)


def _client_invitee(client: Any) -> Invitee:
    return Invitee(client.first_name, client.last_name, client.email or "", client.user, language=client.language)


def _participant_invitee(participant: Participant) -> Invitee:
    first, _space, last = (participant.name or "").strip().partition(" ")
    return Invitee(first, last, participant.email or "", participant.user, participant, participant.language)


def _subject(words: list[str]) -> str:
    """ "Reintegra: Einladung / Invitation": the subject's word in each of the e-mail's languages."""
    return "Reintegra: " + " / ".join(dict.fromkeys(words))


def invite_invitee(invite: PortalInvite) -> Invitee:
    """The person an invite is for."""
    if invite.participant_id is not None:
        assert invite.participant is not None
        return _participant_invitee(invite.participant)
    return _client_invitee(invite.client)


def account_in_use(user: User | None) -> bool:
    """The client has an account they sign in with (an invitation must not touch it)."""
    return user is not None and user.is_active and user.has_usable_password()


def _send_reminder_mail(*, client: Any) -> None:
    person = client if isinstance(client, Invitee) else _client_invitee(client)
    assert person.user is not None
    sections, words = [], []
    for language in email_languages(person.language):
        with translation.override(language):
            words.append(pgettext("e-mail subject", "Sign-in"))
            sections.append(
                render_to_string(
                    "portal/email/sign_in_reminder.txt",
                    {
                        "name": person.first_name,
                        "username": person.user.get_username(),
                        "url": absolute_url(reverse("accounts:login")),
                        "participant": person.participant is not None,
                    },
                ).strip()
            )
    EmailMessage(
        subject=_subject(words),
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


def _send_invite_mail(*, invite: PortalInvite, url: str) -> None:
    person = invite_invitee(invite)
    sections, words = [], []
    for language in email_languages(person.language):
        with translation.override(language):
            words.append(pgettext("e-mail subject", "Invitation"))
            sections.append(
                render_to_string(
                    "portal/email/invite.txt",
                    {
                        "name": person.first_name or person.last_name,
                        "url": url,
                        "expires_at": invite.expires_at,
                        "participant": person.participant is not None,
                    },
                ).strip()
            )
    EmailMessage(
        subject=_subject(words),  # generic: no name, no case, no health detail
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invite.sent_to or person.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()


def _participant_checked(case: Case, participant: Participant) -> None:
    if str(participant.case_id) != str(case.pk):
        raise ValidationError({"participant": [_("Choose a participant of this case.")]})
    if not participant.email:
        raise ValidationError(
            {"email": [_("Enter the participant's e-mail address first: the invitation goes only to them, by e-mail.")]}
        )
    if participant.user_id is None:
        taken = User.objects.filter(
            organisation_id=case.organisation_id, email__iexact=participant.email, is_active=True
        ).first()
        if taken is not None:
            message = (
                _("This e-mail address belongs to an account of your organisation: link that account instead.")
                if user_is_portal_only(taken)
                else _("This e-mail address is already in use by another account.")
            )
            raise ValidationError({"email": [message]})


@transaction.atomic
def portal_invite_create(
    *, actor: User, case: Case, send_email: bool = True, participant: Participant | None = None
) -> CreatedInvite:
    """A new one-time link (7 days) for the case's client, or for `participant`; older open
    invites of the same person end now. Someone whose account is in use gets a sign-in reminder."""
    require(can_invite_client(actor, case), _("Only case managers and team leads may invite people to the portal."))
    ensure_open(case)
    client = case.client
    if participant is not None:
        _participant_checked(case, participant)
        person = _participant_invitee(participant)
    else:
        person = _client_invitee(client)
    if send_email and not person.email:
        raise ValidationError(
            {"email": [_("Enter the client's e-mail address first: the invitation goes only to them, by e-mail.")]}
        )
    now = timezone.now()
    who: dict[str, Any] = {"participant": str(participant.pk), "role": participant.role} if participant else {}
    if account_in_use(person.user):
        event_record(
            case=case,
            actor=actor,
            kind="participant_sign_in_reminder_sent" if participant else "portal_sign_in_reminder_sent",
            summary=("Participant" if participant else "Client") + " reminded how to sign in to the portal",
            new={"emailed": bool(send_email), **who},
        )
        assert person.user is not None
        log_change(actor=actor, case=case, object_type="portal_account", object_id=person.user.pk)
        if participant is not None:
            Participant.objects.filter(pk=participant.pk).update(updated_at=now)
        if send_email:
            transaction.on_commit(lambda: _send_reminder_mail(client=person))
        return CreatedInvite(invite=None, token="", url="", emailed=send_email, reminder=True)
    open_invites = PortalInvite.objects.filter(used_at__isnull=True, revoked_at__isnull=True)
    if participant is not None:
        open_invites.filter(participant=participant).update(revoked_at=now, updated_at=now)
    else:
        open_invites.filter(client=client).update(revoked_at=now, updated_at=now)
    token, hashed = new_token()
    invite = PortalInvite(
        case=case,
        client=None if participant else client,
        participant=participant,
        token_hash=hashed,
        expires_at=now + timedelta(days=INVITE_DAYS),
        created_by=actor,
        sent_to=person.email if send_email and person.email else "",
    )
    invite.full_clean()
    invite.save()
    url = invite_url(token)
    event_record(
        case=case,
        actor=actor,
        kind="participant_invited" if participant else "portal_invite_created",
        summary=("Participant" if participant else "Client")
        + " invited to the portal"
        + (" (sent by e-mail)" if invite.sent_to else ""),
        new={
            "invite": str(invite.pk),
            "emailed": bool(invite.sent_to),
            "expires_at": invite.expires_at.isoformat(),
            **who,
        },
    )
    log_change(actor=actor, case=case, object_type="portal_invite", object_id=invite.pk)
    if invite.sent_to:
        transaction.on_commit(lambda: _send_invite_mail(invite=invite, url=url))
    return CreatedInvite(invite=invite, token=token, url=url, emailed=bool(invite.sent_to))


def participant_invite_status(participants: list[Participant]) -> dict[Any, Any]:
    """Per participant id: when the newest invitation went out (None: never)."""
    rows = (
        PortalInvite.objects.filter(participant__in=participants)
        .order_by("participant_id", "-created_at")
        .values_list("participant_id", "created_at")
    )
    newest: dict[Any, Any] = {}
    for participant_id, created_at in rows:
        newest.setdefault(participant_id, created_at)
    return newest


@transaction.atomic
def participant_account_link(*, actor: User, case: Case, participant: Participant, user: User | None) -> Participant:
    """Link an existing portal account of the organisation to the participant (None: unlink).
    Staff accounts and the client's own account are refused (400 naming `user`)."""
    require(can_invite_client(actor, case), "Only case managers and team leads may link portal accounts.")
    ensure_open(case)
    if str(participant.case_id) != str(case.pk):
        raise ValidationError({"participant": [_("Choose a participant of this case.")]})
    if user is not None and (
        user.organisation_id != case.organisation_id
        or not user.is_active
        or not user_is_portal_only(user)
        or user.pk == case.client.user_id
        or Membership.objects.filter(user=user, role=Role.CLIENT).exists()
    ):
        raise ValidationError({"user": [_("Choose an active portal account of your organisation.")]})
    old = str(participant.user_id or "")
    if old == str(getattr(user, "pk", "") or ""):
        return participant
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    event_record(
        case=case,
        actor=actor,
        kind="participant_account_linked",
        summary="Portal account linked to a participant" if user else "Portal account unlinked from a participant",
        old={"account": old},
        new={"participant": str(participant.pk), "role": participant.role, "account": str(getattr(user, "pk", ""))},
    )
    log_change(actor=actor, case=case, object_type="participant", object_id=participant.pk)
    return participant


def participant_accounts(*, organisation_id: Any) -> list[User]:
    """The portal accounts a participant may be linked to: active, of the organisation, no staff
    role and no client role (a client's account is theirs alone)."""
    portal = Membership.objects.filter(organisation_id=organisation_id, role__in=list(PORTAL_ROLES))
    return [
        user
        for user in User.objects.filter(organisation_id=organisation_id, is_active=True, memberships__in=portal)
        .distinct()
        .order_by("last_name", "first_name")
        if user_is_portal_only(user) and not Membership.objects.filter(user=user, role=Role.CLIENT).exists()
    ]


def portal_invite_find(token: str) -> PortalInvite | None:
    """The invite a token belongs to (used and expired ones too), or None."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return (
        PortalInvite.objects.select_related("client", "case", "client__user", "participant", "participant__user")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _username_for(client: Invitee) -> str:
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
    """The username the person signs in with: their existing account's, or the one about to be made."""
    person = invite_invitee(invite)
    return person.user.get_username() if person.user is not None else _username_for(person)


@transaction.atomic
def portal_invite_accept(*, invite: PortalInvite, password: str, request: Any = None) -> User:
    """Use the invite: set the password (validators apply: `password` errors), link the account, close the invite.

    Raises ValidationError({"invite": …}) when it was used, revoked or has expired.
    """
    locked = (
        PortalInvite.objects.select_for_update(of=("self",))
        .select_related("client", "case", "participant", "participant__user")
        .get(pk=invite.pk)
    )
    if not locked.is_open:
        raise ValidationError({"invite": [_("This invitation link is no longer valid.")]})
    client = locked.client
    case = locked.case
    person = invite_invitee(locked)
    user = person.user
    if account_in_use(user):  # an old link must not set a new password for an account in use
        raise ValidationError({"invite": [_("This account is already set up: sign in with your password.")]})
    created = user is None
    if user is None:
        user = User(
            organisation_id=case.organisation_id,
            username=_username_for(person),
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    user.set_password(password)
    user.is_active = True
    user.full_clean()
    user.save()
    participant = person.participant
    if participant is not None:
        # the participants' portal: an employer contact's role (any participant's portal account)
        if created:
            Participant.objects.filter(pk=participant.pk).update(user=user, updated_at=timezone.now())
        if not Membership.objects.filter(user=user, role__in=list(PORTAL_ROLES)).exists():
            membership_grant(user=user, role=Role.EMPLOYER_CONTACT)
    else:
        assert client is not None
        if created:
            client.user = user
            client.save(update_fields=["user", "updated_at"])
        if not Membership.objects.filter(user=user, role=Role.CLIENT).exists():
            membership_grant(user=user, role=Role.CLIENT)
    now = timezone.now()
    locked.used_at = now
    locked.save(update_fields=["used_at", "updated_at"])
    who = {"participant": str(participant.pk), "role": participant.role} if participant else {}
    event_record(
        case=case,
        actor=user,
        kind="participant_invite_accepted" if participant else "portal_invite_accepted",
        summary=("Participant" if participant else "Client")
        + (" portal account created" if created else " set a new portal password"),
        new={"invite": str(locked.pk), "account": "created" if created else "password_set", **who},
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
