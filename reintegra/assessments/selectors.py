"""Reads of assessments and the network map. The case is fetched through `cases.selectors.case_get` first;
these functions log the read of the assessment data themselves."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.assessments.models import Assessment, AssessmentItem, NetworkMap, NetworkNode
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Participant


def _log_read(*, user: User, case: Case, object_type: str, object_id: Any = "", request: HttpRequest | None) -> None:
    access_log_write(
        user=user,
        action=AccessAction.READ,
        object_type=object_type,
        object_id=object_id,
        case_id=case.pk,
        request=request,
    )


def assessments_of(case: Case) -> QuerySet[Assessment]:
    """The case's assessments, newest first, with their items (in entered order) in two queries."""
    items = AssessmentItem.objects.select_related("source_participant").order_by("position", "created_at")
    return (
        Assessment.objects.filter(case=case)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("items", queryset=items))
        .order_by("-date", "-created_at")
    )


def assessment_list(*, user: User, case: Case, request: HttpRequest | None = None) -> QuerySet[Assessment]:
    """The case's assessments; the read of the list (item texts included) is logged once."""
    _log_read(user=user, case=case, object_type="assessment", request=request)
    return assessments_of(case)


def assessment_get(*, user: User, case: Case, assessment_id: Any, request: HttpRequest | None = None) -> Assessment:
    """One assessment of this case, or 404 (also for an assessment of another case). The read is logged."""
    try:
        assessment = assessments_of(case).get(pk=assessment_id)
    except (Assessment.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404(_("No such assessment.")) from exc
    _log_read(user=user, case=case, object_type="assessment", object_id=assessment.pk, request=request)
    return assessment


def participants_of(case: Case) -> QuerySet[Participant]:
    """The participants who can be named as the source of an item."""
    return Participant.objects.filter(case=case).order_by("created_at")


def network_map_of(case: Case) -> NetworkMap | None:
    """The case's map with its nodes, or None while none was written. Not logged: see `network_map_read`."""
    nodes = NetworkNode.objects.order_by("position", "created_at")
    return NetworkMap.objects.filter(case=case).prefetch_related(Prefetch("nodes", queryset=nodes)).first()


def network_map_read(*, user: User, case: Case, request: HttpRequest | None = None) -> NetworkMap | None:
    """The map for display (JSON, page or picture). Node names are personal data: the read is logged."""
    network_map = network_map_of(case)
    _log_read(
        user=user,
        case=case,
        object_type="network_map",
        object_id=network_map.pk if network_map else "",
        request=request,
    )
    return network_map


def network_nodes(network_map: NetworkMap | None) -> list[NetworkNode]:
    return list(network_map.nodes.all()) if network_map is not None else []


def network_version(network_map: NetworkMap | None) -> int:
    """The version a client must send with the next save: 0 while no map exists."""
    return network_map.version if network_map is not None else 0
