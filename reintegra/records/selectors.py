"""Reads for the record export and the FHIR view; each read (or refusal) is logged."""

from typing import Any

from django.http import Http404, HttpRequest

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case, Client
from reintegra.cases.permissions import can_export_client_record
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import PermissionDenied


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
