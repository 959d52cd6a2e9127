"""What a portal participant (employer contact, physician, …) may see of a case.

Only: reference, client name, status, the measures they are responsible for, the
agreed plan's goals (titles, due dates) and the outcome — never assessments, notes,
ratings, incapacity details or other health text. Apps that own those parts register
a contributor: `register(fn)` with `fn(case, participant_ids) -> dict` returning the
extra keys (e.g. plans adds "measures" and "goals", the evaluation adds "outcome").

Whether a participant may see a case at all is a disclosure rule: `rule_register(rule)` with
`rule(today) -> Q` over `Participant` (the consents app registers one: an active consent for the
participant's role, see `consents/disclosure.py`). `Case.objects.disclosed_to(user)` ORs them.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_case_denied, access_log_write
from reintegra.cases.models import Case, Evaluation, Participant

CONTRIBUTORS: list[Callable[[Case, list[Any]], dict[str, Any]]] = []
DISCLOSURE_RULES: list[Callable[[date], Q]] = []


def rule_register(rule: Callable[[date], Q]) -> None:
    """A condition on `Participant` under which the participant's user sees the case today."""
    if rule not in DISCLOSURE_RULES:
        DISCLOSURE_RULES.append(rule)


def register(contributor: Callable[[Case, list[Any]], dict[str, Any]]) -> None:
    if contributor not in CONTRIBUTORS:
        CONTRIBUTORS.append(contributor)


def disclosed_cases(*, user: Any) -> QuerySet[Case]:
    return Case.objects.disclosed_to(user).select_related("client", "case_type").order_by("-created_at", "-id")


def disclosed_case_get(*, user: Any, case_id: Any, request: HttpRequest | None = None) -> Case:
    try:
        case = disclosed_cases(user=user).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        access_log_case_denied(user=user, case_id=case_id, request=request)
        raise Http404(_("No such case.")) from exc
    return case


def disclosed_payload(case: Case, *, user: Any, request: HttpRequest | None = None) -> dict[str, Any]:
    """The parts of a case released to this portal user; the disclosure is logged with its recipient."""
    participant_ids = list(Participant.objects.filter(case=case, user=user).values_list("pk", flat=True))
    payload: dict[str, Any] = {
        "id": str(case.pk),
        "reference": case.reference,
        "case_type": {"key": case.case_type.key, "name": case.case_type.name, "label": case.case_type.label},
        "status": case.status,
        "client": {"first_name": case.client.first_name, "last_name": case.client.last_name},
        "measures": [],
        "goals": [],
        "outcome": _outcome(case),
    }
    for contributor in CONTRIBUTORS:
        payload.update(contributor(case, participant_ids))
    access_log_write(
        user=user,
        action=AccessAction.DISCLOSE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        recipient=f"{user.get_username()} ({', '.join(str(p) for p in participant_ids)})",
        request=request,
        immediate=True,
    )
    return payload


def _outcome(case: Case) -> str | None:
    """The evaluation's outcome, once there is one (e.g. rtw_partial): released to participants."""
    return Evaluation.objects.filter(case=case).exclude(outcome="").values_list("outcome", flat=True).first()
