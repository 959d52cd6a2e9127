"""Office hours: sessions (editors) and sign-ups by e-mail without an account (anyone).

A sign-up is a double opt-in: asking sends a confirmation link to the address, and only
confirming takes a seat; whether an address is signed up already is never answered (see
`signup_create`). E-mails go out after the transaction commits. The cancellation link carries a
signed token, so it works without signing in and cannot be guessed. Reminders
are claimed with a conditional UPDATE before sending: a sign-up gets at most one,
however often and however many workers run `office_hours_send_reminders`.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.core.permissions import require
from reintegra.introduce.models import OfficeHourSession, OfficeHourSignup
from reintegra.introduce.permissions import EDITORS_ONLY, can_edit_introduction
from reintegra.introduce.services._base import Payload, create_object, organisation_id_of_actor, update_object

logger = logging.getLogger(__name__)

TOKEN_SALT = "reintegra.introduce.office-hours.cancel"  # noqa: S105 - a salt, not a secret
CONFIRM_SALT = "reintegra.introduce.office-hours.confirm"
# The confirmation link works this long; an address gets at most one e-mail per resend interval.
CONFIRM_MAX_AGE = timedelta(hours=48)
CONFIRM_RESEND_AFTER = timedelta(minutes=10)
REMINDER_LEAD = timedelta(hours=24)
QUESTION_MAX = 2000


@dataclass(frozen=True, kw_only=True)
class SessionData(Payload):
    title: str
    description: str = ""
    starts_at: datetime
    duration_minutes: int = 60
    location: str = ""
    online_url: str = ""
    capacity: int
    host: User | None = None


def _check_place(data: SessionData) -> None:
    if not data.location.strip() and not data.online_url.strip():
        raise ValidationError({"location": [_("Enter a place or an online link.")]})


@transaction.atomic
def session_create(*, actor: User, data: SessionData, now: datetime | None = None) -> OfficeHourSession:
    require(can_edit_introduction(actor), EDITORS_ONLY)
    organisation_id = organisation_id_of_actor(actor)
    if data.starts_at <= (now or timezone.now()):
        raise ValidationError({"starts_at": [_("Enter a date and time in the future.")]})
    _check_place(data)
    session = OfficeHourSession(organisation_id=organisation_id)
    return create_object(session, organisation_id=organisation_id, data=data)


@transaction.atomic
def session_update(
    *, actor: User, session: OfficeHourSession, data: SessionData, version: int | None
) -> OfficeHourSession:
    require(can_edit_introduction(actor, session), EDITORS_ONLY)
    # Lock the row: a sign-up arriving meanwhile waits, and the capacity check below holds.
    locked = OfficeHourSession.objects.select_for_update().get(pk=session.pk)
    session.seats_taken = locked.seats_taken
    if data.capacity < locked.seats_taken:
        raise ValidationError(
            {
                "capacity": [
                    _("%(n)d people have signed up already; the capacity cannot be lower.") % {"n": locked.seats_taken}
                ]
            }
        )
    _check_place(data)
    return update_object(session, organisation_id=session.organisation_id, data=data, version=version)


@transaction.atomic
def session_delete(*, actor: User, session: OfficeHourSession) -> None:
    require(can_edit_introduction(actor, session), EDITORS_ONLY)
    if session.signups.filter(cancelled_at__isnull=True, confirmed_at__isnull=False).exists():
        raise ValidationError(_("People have signed up for this office hour; it cannot be deleted."))
    session.delete()


# --- sign-up and cancellation (no account) -------------------------------------------------------


def signup_token(signup: OfficeHourSignup) -> str:
    return signing.dumps(str(signup.pk), salt=TOKEN_SALT)


def signup_for_token(token: str) -> OfficeHourSignup:
    """The sign-up a cancellation link points to; 404 for a token that was altered or made up."""
    try:
        pk = signing.loads(token, salt=TOKEN_SALT)
        return OfficeHourSignup.objects.select_related("session", "session__organisation").get(pk=pk)
    except (signing.BadSignature, OfficeHourSignup.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def cancel_url(signup: OfficeHourSignup) -> str:
    path = reverse("introduce:office_hours_cancel", kwargs={"token": signup_token(signup)})
    return f"{signup.link_base.rstrip('/')}{path}"


def confirm_token(signup: OfficeHourSignup) -> str:
    return signing.dumps(str(signup.pk), salt=CONFIRM_SALT)


def signup_for_confirm_token(token: str) -> OfficeHourSignup:
    """The sign-up a confirmation link points to; 404 for a token altered, made up or too old."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return OfficeHourSignup.objects.select_related("session", "session__organisation").get(pk=pk)
    except (signing.BadSignature, OfficeHourSignup.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc


def confirm_url(signup: OfficeHourSignup) -> str:
    path = reverse("introduce:office_hours_confirm", kwargs={"token": confirm_token(signup)})
    return f"{signup.link_base.rstrip('/')}{path}"


def _resend_due(signup: OfficeHourSignup, now: datetime) -> bool:
    last = signup.confirm_requested_at
    return last is None or now - last >= CONFIRM_RESEND_AFTER


@transaction.atomic
def signup_create(
    *,
    session: OfficeHourSession,
    email: str,
    name: str = "",
    question: str = "",
    anonymous: bool = False,
    language: str = "de",
    link_base: str = "",
    now: datetime | None = None,
) -> None:
    """Ask to sign up for a session (double opt-in): an e-mail with a confirmation link goes to
    the address, and only confirming (`signup_confirm`) takes a seat.

    The answer never tells whether the address is signed up already: a new address gets a
    pending sign-up and the link; a pending one gets the link again (with the new details); a
    confirmed one gets an e-mail saying it is signed up, with its cancellation link. Each address
    gets at most one such e-mail per `CONFIRM_RESEND_AFTER`. Refused only for what anyone can
    see on the page: a past or a full session, or invalid input.
    """
    now = now or timezone.now()
    email = (email or "").strip().lower()
    if session.starts_at <= now:
        raise ValidationError(_("This office hour has already taken place."))
    candidate = OfficeHourSignup(
        session=session,
        email=email,
        name=(name or "").strip(),
        question=(question or "").strip(),
        anonymous=bool(anonymous),
        language=language if language in dict(settings.LANGUAGES) else "de",
        link_base=link_base[:300],
        confirm_requested_at=now,
    )
    candidate.full_clean(exclude=["session"], validate_constraints=False)
    if len(candidate.question) > QUESTION_MAX:
        raise ValidationError({"question": [_("Keep the question under %(n)d characters.") % {"n": QUESTION_MAX}]})
    if not OfficeHourSession.objects.filter(pk=session.pk, seats_taken__lt=F("capacity")).exists():
        raise ValidationError(_("This office hour is fully booked."))
    existing = (
        OfficeHourSignup.objects.select_for_update()
        .filter(session=session, email=email, cancelled_at__isnull=True)
        .first()
    )
    if existing is None:
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:  # the same address asked in a parallel request: that one mails
            return
        transaction.on_commit(lambda: send_confirm_request(candidate.pk), robust=True)
        return
    if not _resend_due(existing, now):
        return
    if existing.confirmed_at is None:  # still pending: the latest details count
        for field in ("name", "question", "anonymous", "language", "link_base"):
            setattr(existing, field, getattr(candidate, field))
    existing.confirm_requested_at = now
    existing.save()
    kind = send_confirm_request if existing.confirmed_at is None else send_already_signed_up
    transaction.on_commit(lambda: kind(existing.pk), robust=True)


@transaction.atomic
def signup_confirm(*, signup: OfficeHourSignup, now: datetime | None = None) -> bool:
    """Confirm a pending sign-up: it takes a seat (conditional UPDATE: of two people confirming
    for the last seat, exactly one gets it) and the confirmation e-mail follows. Returns False if
    it was confirmed already (idempotent)."""
    now = now or timezone.now()
    if signup.cancelled_at is not None:
        raise ValidationError(_("This sign-up was cancelled."))
    if signup.session.starts_at <= now:
        raise ValidationError(_("This office hour has already taken place."))
    claimed = OfficeHourSignup.objects.filter(
        pk=signup.pk, confirmed_at__isnull=True, cancelled_at__isnull=True
    ).update(confirmed_at=now)
    if not claimed:
        signup.refresh_from_db(fields=["confirmed_at", "cancelled_at"])
        if signup.cancelled_at is not None:
            raise ValidationError(_("This sign-up was cancelled."))
        return False
    taken = OfficeHourSession.objects.filter(
        pk=signup.session_id, seats_taken__lt=F("capacity"), starts_at__gt=now
    ).update(seats_taken=F("seats_taken") + 1)
    if not taken:
        raise ValidationError(_("This office hour is fully booked."))  # the claim rolls back with it
    signup.confirmed_at = now
    # robust: a mail server that is down must not turn a confirmed sign-up into an error page.
    transaction.on_commit(lambda: send_confirmation(signup.pk), robust=True)
    return True


@transaction.atomic
def signup_cancel(*, signup: OfficeHourSignup, now: datetime | None = None) -> bool:
    """Cancel a sign-up and free its seat (a pending one held none). Returns False if it was
    cancelled already (idempotent)."""
    now = now or timezone.now()
    if signup.cancelled_at is None and signup.session.starts_at <= now:
        raise ValidationError(_("This office hour has already taken place."))
    held_seat = OfficeHourSignup.objects.filter(
        pk=signup.pk, cancelled_at__isnull=True, confirmed_at__isnull=False
    ).exists()
    cancelled = OfficeHourSignup.objects.filter(pk=signup.pk, cancelled_at__isnull=True).update(cancelled_at=now)
    if cancelled:
        if held_seat:
            OfficeHourSession.objects.filter(pk=signup.session_id, seats_taken__gt=0).update(
                seats_taken=F("seats_taken") - 1
            )
        signup.cancelled_at = now
    return bool(cancelled)


# --- e-mails ----------------------------------------------------------------------------------


def _mail(signup: OfficeHourSignup, kind: str) -> None:
    session = signup.session
    with translation.override(signup.language):
        context = {
            "signup": signup,
            "session": session,
            "starts_at": timezone.localtime(session.starts_at),
            "cancel_url": cancel_url(signup),
            "confirm_url": confirm_url(signup) if kind == "confirm_request" else "",
            "confirm_hours": int(CONFIRM_MAX_AGE.total_seconds() // 3600),
        }
        subject = render_to_string(f"introduce/email/{kind}_subject.txt", context)
        body = render_to_string(f"introduce/email/{kind}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [signup.email])


def send_confirm_request(signup_id: Any) -> None:
    """The double opt-in e-mail: the link that confirms the sign-up (and takes the seat)."""
    signup = OfficeHourSignup.objects.select_related("session").filter(
        pk=signup_id, cancelled_at__isnull=True, confirmed_at__isnull=True
    )
    found = signup.first()
    if found is not None:
        _mail(found, "confirm_request")


def send_already_signed_up(signup_id: Any) -> None:
    """Someone asked again for a confirmed address: its owner is told, nobody else."""
    signup = OfficeHourSignup.objects.select_related("session").filter(
        pk=signup_id, cancelled_at__isnull=True, confirmed_at__isnull=False
    )
    found = signup.first()
    if found is not None:
        _mail(found, "already_signed_up")


def send_confirmation(signup_id: Any) -> None:
    signup = (
        OfficeHourSignup.objects.select_related("session")
        .filter(pk=signup_id, cancelled_at__isnull=True, confirmed_at__isnull=False)
        .first()
    )
    if signup is None:
        return
    _mail(signup, "confirmation")
    OfficeHourSignup.objects.filter(pk=signup.pk).update(confirmation_sent_at=timezone.now())


def office_hours_send_reminders(*, now: datetime, lead: timedelta = REMINDER_LEAD) -> int:
    """Send the reminder to every active sign-up of a session starting within `lead`. Idempotent.

    Each sign-up is claimed by setting `reminder_sent_at` with a conditional UPDATE
    before the mail goes out, so two runs (or two workers) never both send it. If
    sending fails the claim is released for the next run. Returns how many were sent.
    """
    due = OfficeHourSignup.objects.filter(
        cancelled_at__isnull=True,
        confirmed_at__isnull=False,
        reminder_sent_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + lead,
    ).select_related("session")
    sent = 0
    for signup in due:
        claimed = OfficeHourSignup.objects.filter(pk=signup.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            continue
        try:
            _mail(signup, "reminder")
        except Exception:
            logger.exception("Reminder for office hour sign-up %s failed", signup.pk)
            OfficeHourSignup.objects.filter(pk=signup.pk, reminder_sent_at=now).update(reminder_sent_at=None)
            continue
        sent += 1
    return sent
