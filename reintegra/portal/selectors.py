"""Reads for the portals. The client's data is selected by `Client.user == user`, never by an id alone.

Every read of case data writes the access log (action "read", the client's own case).
Participants (employer contacts, …) read through `reintegra.cases.disclosure` only.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Membership, Role, User
from reintegra.assessments.models import Assessment, AssessmentItem
from reintegra.audit.models import AccessAction, AccessLogEntry
from reintegra.audit.services import access_log_case_denied, access_log_write
from reintegra.cases.models import Case, Participant
from reintegra.consents.models import Consent
from reintegra.plans.models import Measure, MeasureStatus, PlanVersion
from reintegra.plans.selectors.plan import responsible_label
from reintegra.portal.labels import object_text
from reintegra.portal.permissions import can_use_portal_as_client

SHOWN_ACTIONS = (
    AccessAction.READ,
    AccessAction.CHANGE,
    AccessAction.DISCLOSE,
    AccessAction.EXPORT,
    AccessAction.DELETE,
)


def log_read(
    user: Any, object_type: str, case_id: Any, object_id: Any = "", request: HttpRequest | None = None
) -> None:
    access_log_write(
        user=user,
        action=AccessAction.READ,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        request=request,
    )


# --- the client ---------------------------------------------------------------------------------


def client_cases(*, user: Any) -> QuerySet[Case]:
    """The cases of the client whose portal account this is (of the account's organisation only)."""
    if not can_use_portal_as_client(user):
        return Case.objects.none()
    return (
        Case.objects.filter(client__user=user, organisation_id=user.organisation_id)
        .select_related("client", "case_type", "case_manager")
        .order_by("status", "-created_at", "-id")  # open before closed, newest first
    )


def client_case(*, user: Any, request: HttpRequest | None = None) -> Case | None:
    """The client's current case (the newest open one, else the newest); the read is logged."""
    case = client_cases(user=user).first()
    if case is not None:
        log_read(user, "case", case.pk, case.pk, request)
    return case


@dataclass
class PlanView:
    goals: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    due: list[dict[str, Any]]
    agreed_on: date | None


def client_plan(*, user: Any, case: Case, request: HttpRequest | None = None) -> PlanView:
    """The agreed goals (titles, due dates) and the measures with dates and who is responsible.

    No descriptions, indicators, GAS levels, costs or ratings: the plain facts of the plan.
    """
    if case.client.user_id != user.pk:
        raise Http404(_("No such case."))
    agreed = PlanVersion.objects.filter(case=case).order_by("-number").first()
    goals = []
    if agreed is not None:
        for goal in agreed.snapshot.get("goals", []):
            if goal.get("status", "active") != "cancelled":
                goals.append({"title": goal.get("title", ""), "due_date": _parse(goal.get("due_date"))})
    measures = []
    today = timezone.localdate()
    queryset = (
        Measure.objects.filter(case=case)
        .exclude(status=MeasureStatus.CANCELLED)
        .select_related("responsible_participant")
        .order_by("due_date", "created_at")
    )
    for measure in queryset:
        measures.append(
            {
                "id": str(measure.pk),
                "title": measure.title,
                "start_date": measure.start_date,
                "due_date": measure.due_date,
                "status": measure.status,
                "status_label": measure.get_status_display(),
                "responsible": responsible_label(case, measure),
                "mine": measure.responsible_kind == "client",
                "overdue": measure.status != MeasureStatus.DONE and measure.due_date < today,
            }
        )
    due = [m for m in measures if m["status"] != MeasureStatus.DONE]
    log_read(user, "plan", case.pk, case.pk, request)
    return PlanView(goals=goals, measures=measures, due=due, agreed_on=agreed.agreed_on if agreed else None)


def _parse(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def client_consents(*, user: Any, request: HttpRequest | None = None, log: bool = True) -> QuerySet[Consent]:
    """The consents of the client's own cases; listing them is logged once per case."""
    if not can_use_portal_as_client(user):
        return Consent.objects.none()
    queryset = (
        Consent.objects.filter(case__client__user=user, case__organisation_id=user.organisation_id)
        .select_related("participant", "case")
        .order_by("-given_on", "-created_at")
    )
    if log:
        for case_id in {consent.case_id for consent in queryset}:
            log_read(user, "consent", case_id, "", request)
    return queryset


def _consent_case(consent_id: Any) -> str:
    """The case of the consent `consent_id` (any organisation's), for logging a refusal where it belongs."""
    try:
        return str(Consent.objects.filter(pk=consent_id).values_list("case_id", flat=True).first() or "")
    except (ValueError, TypeError, ValidationError):
        return ""


def client_consent_get(*, user: Any, consent_id: Any, request: HttpRequest | None = None) -> Consent:
    """One of the client's consents; 404 for any other id (and the attempt is logged)."""
    try:
        consent = client_consents(user=user, log=False).get(pk=consent_id)
    except (Consent.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        access_log_case_denied(
            user=user,
            case_id=_consent_case(consent_id),
            object_type="consent",
            object_id=str(consent_id)[:64],
            request=request,
        )
        raise Http404(_("No such consent.")) from exc
    log_read(user, "consent", consent.case_id, consent.pk, request)
    return consent


def client_assessment(*, case: Case) -> Assessment | None:
    return Assessment.objects.filter(case=case).order_by("-date", "-created_at").first()


def client_items(*, user: Any, case: Case | None, request: HttpRequest | None = None) -> list[AssessmentItem]:
    """The items of the latest assessment of the client's case, for the client's own rating."""
    if case is None or case.client.user_id != user.pk:
        return []
    assessment = client_assessment(case=case)
    if assessment is None:
        return []
    items = list(AssessmentItem.objects.filter(assessment=assessment).order_by("position", "created_at"))
    log_read(user, "assessment", case.pk, assessment.pk, request)
    return items


def client_item_get(*, user: Any, item_id: Any, request: HttpRequest | None = None) -> AssessmentItem:
    """One item of the latest assessment of one of the client's cases; 404 otherwise."""
    case = client_cases(user=user).first()
    assessment = client_assessment(case=case) if case is not None else None
    item = None
    if assessment is not None:
        try:
            item = (
                AssessmentItem.objects.select_related("assessment__case__client")
                .filter(assessment=assessment, pk=item_id)
                .first()
            )
        except (ValueError, TypeError):
            item = None
    if item is None:
        access_log_write(
            user=user,
            action=AccessAction.DENIED,
            object_type="assessment_item",
            object_id=str(item_id)[:64],
            request=request,
        )
        raise Http404(_("No such item."))
    log_read(user, "assessment_item", case.pk if case else "", item.pk, request)
    return item


@dataclass
class AccessRow:
    at: Any
    name: str
    role: str
    action: str
    action_label: str
    object_type: str
    object_label: str


def client_access_log(*, user: Any, limit: int | None = 50, request: HttpRequest | None = None) -> list[AccessRow]:
    """Who accessed the client's cases: names and roles of the people, action, object and time (no IP addresses).

    The client's own entries are left out. Reading this list is itself logged.
    """
    case_ids = [str(pk) for pk in client_cases(user=user).values_list("pk", flat=True)]
    if not case_ids:
        return []
    entries = client_access_entries(user=user, case_ids=case_ids)
    rows = access_rows(list(entries[:limit] if limit else entries))
    for case_id in case_ids:
        log_read(user, "access_log", case_id, "", request)
    return rows


def client_access_entries(*, user: Any, case_ids: list[str]) -> QuerySet[AccessLogEntry]:
    return (
        AccessLogEntry.objects.filter(case_id__in=case_ids, action__in=SHOWN_ACTIONS)
        .exclude(user_id=str(user.pk))
        .exclude(user_id="")
        .order_by("-at", "-id")
    )


def access_rows(entries: list[AccessLogEntry]) -> list[AccessRow]:
    """Names and roles for a page of entries (two queries, whatever the length)."""
    user_ids = {entry.user_id for entry in entries}
    people = {str(u.pk): u for u in User.objects.filter(pk__in=user_ids)}
    roles: dict[str, list[str]] = {}
    for user_id, role in Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "role"):
        label = str(Role(role).label)
        if label not in roles.setdefault(str(user_id), []):
            roles[str(user_id)].append(label)
    rows = []
    for entry in entries:
        person = people.get(entry.user_id)
        rows.append(
            AccessRow(
                at=entry.at,
                name=person.display_name if person else entry.username,
                role=", ".join(roles.get(entry.user_id, [])),
                action=entry.action,
                action_label=str(AccessAction(entry.action).label)
                if entry.action in AccessAction.values
                else entry.action,
                object_type=entry.object_type,
                object_label=object_text(entry.object_type),
            )
        )
    return rows


# --- participants (employer contacts, …) ---------------------------------------------------------


def participant_measures(*, user: Any) -> QuerySet[Measure]:
    """The measures this portal account is responsible for, on cases disclosed to it today."""
    return (
        Measure.objects.filter(
            responsible_participant__user=user,
            case__in=Case.objects.disclosed_to(user),
        )
        .exclude(status=MeasureStatus.CANCELLED)
        .select_related("case", "case__client", "responsible_participant")
        .order_by("due_date", "created_at")
    )


def participant_measure_get(*, user: Any, case: Case, measure_id: Any, request: HttpRequest | None = None) -> Measure:
    """One measure of a disclosed case for which this account's participant is responsible; else
    404, and the attempt is logged (someone else's measure, or one of another case)."""
    try:
        measure = (
            Measure.objects.select_related("responsible_participant", "case")
            .prefetch_related(Prefetch("goals"), "steps")
            .get(case=case, pk=measure_id, responsible_participant__user=user)
        )
    except (Measure.DoesNotExist, ValueError, TypeError, ValidationError) as exc:
        access_log_write(
            user=user,
            action=AccessAction.DENIED,
            object_type="measure",
            object_id=str(measure_id)[:64],
            case_id=case.pk,
            request=request,
        )
        raise Http404(_("No such measure.")) from exc
    return measure


def participant_language(*, case: Case, user: Any) -> str:
    """The language set on the case for this participant account ("" for none)."""
    return (
        Participant.objects.filter(case=case, user=user).exclude(language="").values_list("language", flat=True).first()
        or ""
    )


def client_case_get(*, user: Any, case_id: Any) -> Case:
    """One of the client's own cases; 404 for any other (another client's case, a bad id)."""
    try:
        case = client_cases(user=user).filter(pk=case_id).first()
    except (ValidationError, ValueError):
        case = None
    if case is None:
        raise Http404(_("No such case."))
    return case
