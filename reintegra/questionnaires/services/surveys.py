"""Survey links: a one-time, expiring link to a questionnaire that needs no login.

The link carries a random token (`secrets.token_urlsafe(32)`); only its SHA-256 is
stored, so the database never holds a usable link. A new link for the same respondent
and questionnaire replaces the older unused ones. Answering (or declining) through the
link files a response under the staff member who made the link; the answer is logged
as an anonymous change of the invitation. Closed cases may still get the satisfaction
link: the evaluation and closure come before it.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Participant
from reintegra.cases.services.common import event_record, log_change
from reintegra.core.languages import email_languages
from reintegra.core.links import absolute_url, new_token, token_hash
from reintegra.core.permissions import require
from reintegra.questionnaires.models import Questionnaire, RespondentKind, Response, SurveyInvitation
from reintegra.questionnaires.permissions import can_record_responses
from reintegra.questionnaires.selectors.responses import questionnaire_for_case
from reintegra.questionnaires.services.responses import response_store

SATISFACTION_KEY = "satisfaction"
DEFAULT_VALID_DAYS = 14


class SurveyLinkGone(Exception):
    """The link was used, declined, replaced or has expired (the page answers 410)."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@dataclass
class Invited:
    """A new invitation and its link: the only moment the link exists in clear."""

    invitation: SurveyInvitation
    token: str
    link: str


def valid_days() -> int:
    return int(getattr(settings, "REINTEGRA_SURVEY_LINK_DAYS", DEFAULT_VALID_DAYS))


def survey_link(token: str, request: HttpRequest | None = None) -> str:
    """The absolute link: REINTEGRA_BASE_URL where set, otherwise the address the request came to."""
    return absolute_url(reverse("questionnaires:survey", kwargs={"token": token}), request)


def satisfaction_questionnaire(case: Case) -> Questionnaire | None:
    """The organisation's own `satisfaction` instrument if it has one, else the shipped one."""
    return questionnaire_for_case(case=case, value=SATISFACTION_KEY)


def _respondent(case: Case, participant: Participant | None) -> tuple[str, str]:
    """(respondent kind, e-mail address) for the client or a participant of this case."""
    if participant is None:
        return RespondentKind.CLIENT, case.client.email
    if participant.case_id != case.pk:
        raise ValidationError({"participant": [_("Choose a participant of this case.")]})
    return RespondentKind.PARTICIPANT, participant.email


def _replace_open(case: Case, questionnaire: Questionnaire, participant: Participant | None, now: Any) -> int:
    return SurveyInvitation.objects.filter(
        case=case,
        questionnaire=questionnaire,
        participant=participant,
        used_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)


def _email_send(*, address: str, organisation: str, link: str, expires_on: Any, language: str = "") -> None:
    """One message in the respondent's own language, or (none set) in German, then English: plain
    language, addressed with "Sie"."""
    context = {"organisation": organisation, "link": link, "expires_on": expires_on}
    parts, subjects = [], []
    for part_language in email_languages(language):
        with translation.override(part_language):
            subjects.append(_("Your opinion about your support"))
            parts.append(render_to_string("questionnaires/email/survey_invitation.txt", context).strip())
    send_mail(
        subject=" / ".join(subjects),
        message="\n\n----------\n\n".join(parts) + "\n",
        from_email=None,
        recipient_list=[address],
    )


@transaction.atomic
def survey_invite(
    *,
    actor: User,
    case: Case,
    questionnaire: Questionnaire | None = None,
    participant: Participant | None = None,
    send_email: bool = False,
    request: HttpRequest | None = None,
) -> Invited:
    """Make a one-time link for the client (or a participant) and optionally e-mail it.

    Staff case workers only. Older unused links for the same respondent and questionnaire
    stop working. The e-mail goes out once the transaction commits.
    """
    require(can_record_responses(actor), _("Only case managers and team leads may change cases."))
    if questionnaire is None:
        questionnaire = satisfaction_questionnaire(case)
        if questionnaire is None:
            raise ValidationError({"questionnaire": [_("The satisfaction questionnaire is not available.")]})
    elif not questionnaire.active or questionnaire.organisation_id not in (None, case.organisation_id):
        raise ValidationError({"questionnaire": [_("Choose an active questionnaire of your organisation.")]})
    respondent_kind, address = _respondent(case, participant)
    if send_email and not address:
        who = _("The client") if participant is None else participant.name
        raise ValidationError(
            {"send_email": [_("%(who)s has no e-mail address: show the link instead.") % {"who": who}]}
        )
    now = timezone.now()
    replaced = _replace_open(case, questionnaire, participant, now)
    token, hashed = new_token()
    invitation = SurveyInvitation(
        case=case,
        questionnaire=questionnaire,
        respondent_kind=respondent_kind,
        participant=participant,
        created_by=actor,
        token_hash=hashed,
        expires_at=now + timedelta(days=valid_days()),
        emailed=bool(send_email),
    )
    invitation.full_clean()
    invitation.save()
    link = survey_link(token, request)
    event_record(
        case=case,
        actor=actor,
        kind="survey_invited",
        summary=f"Survey link made ({respondent_kind}): {questionnaire.name}"[:300],
        new={
            "invitation": str(invitation.pk),
            "questionnaire": questionnaire.key,
            "respondent": respondent_kind,
            "emailed": bool(send_email),
            "replaced": replaced,
        },
    )
    log_change(actor=actor, case=case, object_type="survey_invitation", object_id=invitation.pk, request=request)
    if send_email:
        access_log_write(
            user=actor,
            action=AccessAction.DISCLOSE,
            object_type="survey_invitation",
            object_id=invitation.pk,
            case_id=case.pk,
            recipient=address,
            request=request,
        )
        transaction.on_commit(
            partial(
                _email_send,
                address=address,
                organisation=case.organisation.name,
                link=link,
                expires_on=timezone.localdate(invitation.expires_at),
                language=participant.language if participant is not None else case.client.language,
            )
        )
    return Invited(invitation=invitation, token=token, link=link)


def invitation_by_token(token: str) -> SurveyInvitation | None:
    """The invitation a link names, found by the hash of its token (None: unknown)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 128:
        return None
    return (
        SurveyInvitation.objects.select_related("case__organisation", "questionnaire")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _claim(invitation: SurveyInvitation, *, declined: bool) -> None:
    """Mark the link used with a conditional update: of two concurrent answers only one wins."""
    now = timezone.now()
    claimed = SurveyInvitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(used_at=now, declined=declined, updated_at=now)
    if not claimed:
        invitation.refresh_from_db()
        raise SurveyLinkGone(invitation.status_at(now))
    invitation.used_at, invitation.declined = now, declined


@transaction.atomic
def survey_answer(
    *,
    invitation: SurveyInvitation,
    answers: dict[str, Any] | None,
    declined: bool = False,
    request: HttpRequest | None = None,
    actor: User | None = None,
) -> Response:
    """The respondent answers (or declines) through the link: no login, one time only.

    `actor` is the client's portal account when they answer from the portal (else anonymous).

    Raises SurveyLinkGone when the link was used, replaced or has expired; InvalidInput
    naming each bad answer (then nothing is stored and the link stays usable).
    """
    _claim(invitation, declined=declined)
    case = invitation.case
    response = response_store(
        actor=None,
        recorded_by=invitation.created_by,
        case=case,
        questionnaire=invitation.questionnaire,
        answers=answers,
        answered_on=timezone.localdate(),
        respondent_kind=invitation.respondent_kind,
        declined=declined,
        record=False,  # one change, one timeline entry: `survey_answered`/`survey_declined` below
    )
    SurveyInvitation.objects.filter(pk=invitation.pk).update(response=response)
    invitation.response = response
    event_record(
        case=case,
        actor=actor,
        kind="survey_declined" if declined else "survey_answered",
        summary=f"Survey {'declined' if declined else 'answered'} through the link: {invitation.questionnaire.name}"[
            :300
        ],
        new={
            "invitation": str(invitation.pk),
            "response": str(response.pk),
            "questionnaire": invitation.questionnaire.key,
        },
    )
    access_log_write(
        user=actor,
        action=AccessAction.CHANGE,
        object_type="survey_invitation",
        object_id=invitation.pk,
        case_id=case.pk,
        request=request,
        detail="declined" if declined else "answered",
    )
    return response


@transaction.atomic
def survey_decline_record(
    *,
    actor: User,
    case: Case,
    questionnaire: Questionnaire | None = None,
    participant: Participant | None = None,
    request: HttpRequest | None = None,
) -> Response:
    """The client (or a participant) declined in person: a declined response, no link.

    Open links for the same respondent and questionnaire stop working.
    """
    require(can_record_responses(actor), _("Only case managers and team leads may change cases."))
    if questionnaire is None:
        questionnaire = satisfaction_questionnaire(case)
        if questionnaire is None:
            raise ValidationError({"questionnaire": [_("The satisfaction questionnaire is not available.")]})
    respondent_kind, _address = _respondent(case, participant)
    _replace_open(case, questionnaire, participant, timezone.now())
    return response_store(
        actor=actor,
        recorded_by=actor,
        case=case,
        questionnaire=questionnaire,
        answers=None,
        answered_on=timezone.localdate(),
        respondent_kind=respondent_kind,
        declined=True,
    )
