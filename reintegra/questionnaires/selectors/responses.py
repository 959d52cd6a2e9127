"""Reads of questionnaires and responses.

Definitions: the shipped ones plus the person's organisation's own, for staff only
(another organisation's instrument answers 404, like a missing one). Responses are case
data: the case is fetched through the case choke point first, and reads are logged.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.core.permissions import require
from reintegra.questionnaires.models import Item, Option, Questionnaire, Response
from reintegra.questionnaires.permissions import can_see_questionnaires


def _visible_condition(organisation_id: Any) -> Q:
    return Q(organisation__isnull=True) | Q(organisation_id=organisation_id)


def _require_staff(user: User) -> None:
    require(can_see_questionnaires(user), _("Only staff of an organisation may see its questionnaires."))


def with_definition(queryset: QuerySet[Questionnaire]) -> QuerySet[Questionnaire]:
    """Items (in order) with their options, and bands: three queries for any number of questionnaires."""
    return queryset.prefetch_related(
        Prefetch(
            "items",
            queryset=Item.objects.order_by("order").prefetch_related(
                Prefetch("options", queryset=Option.objects.order_by("order"))
            ),
        ),
        "bands",
    )


def questionnaires_for(*, user: User, include_inactive: bool = False) -> QuerySet[Questionnaire]:
    """The instruments a staff member may use: shipped ones and their organisation's own."""
    _require_staff(user)
    queryset = Questionnaire.objects.filter(_visible_condition(user.organisation_id))
    if not include_inactive:
        queryset = queryset.filter(active=True)
    return queryset.select_related("organisation").order_by("name", "id")


def questionnaire_get(*, user: User, questionnaire_id: Any) -> Questionnaire:
    """One visible instrument with its definition, or 404 (missing and another organisation's alike)."""
    _require_staff(user)
    try:
        return with_definition(
            Questionnaire.objects.filter(_visible_condition(user.organisation_id)).select_related("organisation")
        ).get(pk=questionnaire_id)
    except (Questionnaire.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(_("No such questionnaire.")) from exc


def questionnaire_for_case(*, case: Case, value: Any) -> Questionnaire | None:
    """An active instrument usable for this case, by id or key (None when unknown or not usable)."""
    if value in (None, ""):
        return None
    queryset = with_definition(Questionnaire.objects.filter(_visible_condition(case.organisation_id), active=True))
    # An organisation's own instrument wins over a shipped one with the same key.
    found = queryset.filter(key=str(value)).order_by(F("organisation_id").asc(nulls_last=True)).first()
    if found is None:
        try:
            found = queryset.filter(pk=value).first()
        except (ValidationError, ValueError, TypeError):  # not a UUID
            found = None
    return found


def responses_of(case: Case) -> QuerySet[Response]:
    return (
        Response.objects.filter(case=case)
        .select_related("questionnaire", "band", "answered_by", "recorded_by")
        .order_by("-answered_on", "-created_at", "-id")
    )


def responses_read(*, user: User, case: Case, request: HttpRequest | None = None) -> QuerySet[Response]:
    """The case's responses; the read is logged once for the list."""
    access_log_write(
        user=user, action=AccessAction.READ, object_type="questionnaire_response", case_id=case.pk, request=request
    )
    return responses_of(case)


def response_get(*, user: User, case: Case, response_id: Any, request: HttpRequest | None = None) -> Response:
    try:
        response = with_definition_response(responses_of(case)).get(pk=response_id)
    except (Response.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404(_("No such response.")) from exc
    access_log_write(
        user=user,
        action=AccessAction.READ,
        object_type="questionnaire_response",
        object_id=response.pk,
        case_id=case.pk,
        request=request,
    )
    return response


def with_definition_response(queryset: QuerySet[Response]) -> QuerySet[Response]:
    return queryset.prefetch_related(
        Prefetch(
            "questionnaire__items",
            queryset=Item.objects.order_by("order").prefetch_related(
                Prefetch("options", queryset=Option.objects.order_by("order"))
            ),
        ),
    )
