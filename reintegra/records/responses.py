"""The two answers, shared by the API and the pages (like `plans.api.views.plan.plan_pdf_response`)."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.records.export import record_language, record_zip
from reintegra.records.fhir import FHIR_JSON, bundle_json, case_bundle
from reintegra.records.selectors import case_for_fhir, client_for_export


def client_export_response(request: HttpRequest, client_id: Any) -> HttpResponse:
    client = client_for_export(user=request.user, client_id=client_id, request=request)
    language = record_language(client, request.GET.get("language"))
    data = record_zip(user=request.user, client=client, language=language, request=request)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="record-{client.pk}.zip"'
    return response


def case_fhir_response(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_for_fhir(user=request.user, case_id=case_id, request=request)
    body = bundle_json(case_bundle(case))
    access_log_write(
        user=request.user,
        action=AccessAction.EXPORT,
        object_type="fhir",
        object_id=case.pk,
        case_id=case.pk,
        request=request,
    )
    response = HttpResponse(body, content_type=FHIR_JSON)
    response["Content-Disposition"] = f'inline; filename="{case.reference}.fhir.json"'
    return response
