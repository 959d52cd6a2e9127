"""Reads of survey links and the organisation-wide aggregate of a questionnaire.

A case's invitations are case data (read through the case choke point, logged). The
aggregate holds no personal data: counts, means and distributions over all cases of the
person's organisation, for case managers, team leads and organisation admins.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, CaseType
from reintegra.core.exceptions import PermissionDenied
from reintegra.core.permissions import require
from reintegra.questionnaires.engine import as_decimal
from reintegra.questionnaires.models import ItemKind, Questionnaire, RespondentKind, Response, SurveyInvitation
from reintegra.questionnaires.permissions import can_see_aggregate


def invitations_read(*, user: User, case: Case, request: HttpRequest | None = None) -> QuerySet[SurveyInvitation]:
    """A case's survey links, newest first (never their tokens); the read is logged once."""
    access_log_write(
        user=user, action=AccessAction.READ, object_type="survey_invitation", case_id=case.pk, request=request
    )
    return (
        SurveyInvitation.objects.filter(case=case)
        .select_related("questionnaire", "participant", "created_by")
        .order_by("-created_at", "-id")
    )


AGGREGATE_REFUSED = "Only case managers, team leads and organisation admins see the results."


def _rounded(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass
class ItemSummary:
    key: str
    text: str
    answers: int
    mean: Decimal | None
    distribution: list[dict[str, Any]] = field(default_factory=list)  # [{value, label, count}]


@dataclass
class Aggregate:
    questionnaire: Questionnaire
    sent: int
    answered: int
    declined: int
    open: int
    expired: int
    answered_through_link: int
    response_rate: Decimal | None  # percent of the links sent that were answered
    mean_score: Decimal | None
    items: list[ItemSummary]
    filters: dict[str, Any]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def aggregate(
    *,
    user: User,
    questionnaire: Questionnaire,
    case_type: CaseType | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Aggregate:
    """Counts, means and distributions for one questionnaire over the organisation's cases.

    Links count by the day they were made, responses by the day they were answered (both
    within `date_from`..`date_to`, inclusive). `sent` counts links (a link replaced by a
    newer one for the same person is not counted); `answered` and `declined` count
    responses, whether given through a link or recorded by staff. The response rate is the
    share of the links sent that were answered.
    """
    require(can_see_aggregate(user), AGGREGATE_REFUSED)
    organisation_id = user.organisation_id
    if organisation_id is None:
        raise PermissionDenied(_("Only staff of an organisation see its results."))
    cases = Case.objects.filter(organisation_id=organisation_id)
    if case_type is not None:
        cases = cases.filter(case_type=case_type)
    links = SurveyInvitation.objects.filter(case__in=cases, questionnaire=questionnaire, revoked_at__isnull=True)
    responses = Response.objects.filter(case__in=cases, questionnaire=questionnaire)
    if date_from is not None:
        links = links.filter(created_at__gte=_day_start(date_from))
        responses = responses.filter(answered_on__gte=date_from)
    if date_to is not None:
        links = links.filter(created_at__lt=_day_start(date_to) + timedelta(days=1))
        responses = responses.filter(answered_on__lte=date_to)
    now = timezone.now()
    states = [link.status_at(now) for link in links.only("used_at", "declined", "revoked_at", "expires_at")]
    sent = len(states)
    through_link = states.count("answered")
    answered_rows = list(responses.filter(declined=False).only("answers", "score"))
    declined = responses.filter(declined=True).count()
    scores = [r.score for r in answered_rows if r.score is not None]
    items = []
    for item in questionnaire.items.all():
        if item.kind == ItemKind.TEXT:
            continue  # free text is personal: never aggregated
        values = []
        for row in answered_rows:
            raw = row.answers.get(item.key) if isinstance(row.answers, dict) else None
            if raw is None:
                continue
            try:
                values.append(as_decimal(raw))
            except ValueError:
                continue
        distribution = []
        if item.kind == ItemKind.SINGLE_CHOICE:
            distribution = [
                {"value": option.value, "label": option.label, "count": sum(1 for v in values if v == option.value)}
                for option in item.options.all()
            ]
        mean = _rounded(sum(values, Decimal(0)) / len(values)) if values else None
        items.append(ItemSummary(item.key, item.text, len(values), mean, distribution))
    return Aggregate(
        questionnaire=questionnaire,
        sent=sent,
        answered=len(answered_rows),
        declined=declined,
        open=states.count("open"),
        expired=states.count("expired"),
        answered_through_link=through_link,
        response_rate=_rounded(Decimal(100 * through_link) / sent, "0.1") if sent else None,
        mean_score=_rounded(sum(scores, Decimal(0)) / len(scores)) if scores else None,
        items=items,
        filters={"case_type": case_type, "date_from": date_from, "date_to": date_to},
    )


def client_open_invitations(*, case: Case) -> list[SurveyInvitation]:
    """Survey invitations addressed to the client of `case` that can still be answered (for the portal)."""
    now = timezone.now()
    return list(
        SurveyInvitation.objects.select_related("questionnaire")
        .filter(case=case, respondent_kind=RespondentKind.CLIENT, used_at__isnull=True, revoked_at__isnull=True)
        .filter(expires_at__gt=now)
        .order_by("expires_at")
    )


def client_invitation_get(*, case: Case, invitation_id: Any) -> SurveyInvitation:
    """One invitation addressed to the client of `case` (404 for anything else, answered or not)."""
    invitation = (
        SurveyInvitation.objects.select_related("case__organisation", "questionnaire")
        .filter(case=case, respondent_kind=RespondentKind.CLIENT, pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise Http404(_("No such questionnaire."))
    return invitation
