"""Reads for the record export and the FHIR view; each read (or refusal) is logged."""

from typing import Any

from django.db import models
from django.http import Http404, HttpRequest

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Client, fold_name
from reintegra.cases.permissions import can_export_client_record
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import PermissionDenied
from reintegra.core.permissions import require
from reintegra.records.permissions import can_find_client_records

SEARCH_LIMIT = 50


def client_for_export(*, user: Any, client_id: Any, request: HttpRequest | None = None) -> Client:
    """The client whose record `user` may export; 404 when missing or out of sight (logged as
    `denied`), 403 when the person sees one of the client's cases but may not export (a team lead)."""
    organisation_id = getattr(user, "organisation_id", None)
    client = (
        Client.objects.select_related("organisation", "user")
        .filter(pk=client_id, organisation_id=organisation_id)
        .first()
        if organisation_id
        else None
    )
    if client is not None and can_export_client_record(user, client):
        return client
    access_log_write(
        user=user, action=AccessAction.DENIED, object_type="client", object_id=str(client_id)[:64], request=request
    )
    if client is not None and Case.objects.visible_to(user).filter(client=client).exists():
        raise PermissionDenied("Only the client's case manager or data protection exports the record.")
    raise Http404("No such client.")


def case_for_fhir(*, user: Any, case_id: Any, request: HttpRequest | None = None) -> Case:
    """A case the person may see (404 otherwise, logged as `denied`); the caller logs the export."""
    case = case_get(user=user, case_id=case_id, request=request, log=False)
    return Case.objects.select_related("client", "case_type", "case_manager", "deputy").get(pk=case.pk)


def clients_found(*, user: Any, query: str, request: HttpRequest | None = None) -> list[Client]:
    """Clients of the organisation whose first or last name starts with `query` (folded), at most
    SEARCH_LIMIT, with their cases (references, dates, status only); each person shown is logged as
    a `read` of object `client` (so their own record lists it)."""
    require(can_find_client_records(user), "Only data protection finds a person's record.")
    folded = fold_name(query)
    clients = list(
        Client.objects.filter(organisation_id=user.organisation_id)
        .filter(models.Q(search_last_name__startswith=folded) | models.Q(search_first_name__startswith=folded))
        .prefetch_related(
            models.Prefetch("cases", queryset=Case.objects.select_related("case_type").order_by("opened_on"))
        )
        .order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT]
    )
    for client in clients:
        access_log_write(
            user=user, action=AccessAction.READ, object_type="client", object_id=client.pk, request=request
        )
    return clients
