"""`GET /api/v1/clients/{id}/export/` (zip) and `GET /api/v1/cases/{id}/fhir/` (FHIR R4 Bundle)."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from reintegra.records.responses import case_fhir_response, client_export_response


class _FileRenderer(BaseRenderer):
    """Lets clients ask for the file's type; the views return the bytes themselves."""

    charset = None

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> Any:
        return data


class ZipRenderer(_FileRenderer):
    media_type = "application/zip"
    format = "zip"


class FhirRenderer(_FileRenderer):
    media_type = "application/fhir+json"
    format = "fhir"


class ClientExportView(APIView):
    """The person's own record: record.json, record.pdf and fhir.json in one zip (one `export` entry per case)."""

    renderer_classes = [JSONRenderer, ZipRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter("language", str, description="Language of record.pdf (de, en); default: the client's")
        ],
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, client_id: Any) -> HttpResponse:
        return client_export_response(request, client_id)


class CaseFhirView(APIView):
    """The case as a FHIR R4 Bundle (`application/fhir+json`); logged as an export."""

    renderer_classes = [JSONRenderer, FhirRenderer]

    @extend_schema(responses={(200, "application/fhir+json"): OpenApiTypes.OBJECT})
    def get(self, request: Request, case_id: Any) -> HttpResponse:
        return case_fhir_response(request, case_id)
