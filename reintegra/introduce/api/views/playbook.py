"""API: the playbook (RACI rows, communication rules, document templates) and knowledge pages."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.core.api.schema import results_envelope
from reintegra.introduce import documents, selectors, services
from reintegra.introduce import filters as f
from reintegra.introduce.api import serializers as s
from reintegra.introduce.api.base import MEMBER_PERMISSIONS, PDFRenderer, ScopedDetail, ScopedListCreate
from reintegra.introduce.models import (
    CommunicationRule,
    DocumentTemplate,
    KnowledgePage,
    RaciRow,
)
from reintegra.introduce.placeholders import PLACEHOLDERS, SAMPLE_CONTEXT, SAMPLE_RECIPIENT


class RaciRowList(ScopedListCreate):
    """The RACI table of the playbook: per phase and activity, who is R, A, C or I."""

    model = RaciRow
    serializer_class = s.RaciRowSerializer
    create_service = services.raci_row_create
    filterset_class = f.RaciRowFilter


class RaciRowDetail(ScopedDetail):
    """One RACI row."""

    model = RaciRow
    object_name = "row"
    serializer_class = s.RaciRowSerializer
    update_service = services.raci_row_update
    delete_service = services.raci_row_delete


class RuleList(ScopedListCreate):
    """Communication rules: when an event happens in a case, inform a recipient through a channel."""

    model = CommunicationRule
    serializer_class = s.RuleSerializer
    create_service = services.rule_create
    filterset_class = f.RuleFilter


class RuleDetail(ScopedDetail):
    """One communication rule."""

    model = CommunicationRule
    object_name = "rule"
    serializer_class = s.RuleSerializer
    update_service = services.rule_update
    delete_service = services.rule_delete


class TemplateList(ScopedListCreate):
    """Document templates with {{placeholders}} (BEM invitation, client information sheet, messages)."""

    model = DocumentTemplate
    serializer_class = s.TemplateSerializer
    create_service = services.template_create
    filterset_class = f.TemplateFilter


class TemplateDetail(ScopedDetail):
    """One document template. A template used by a rule cannot be deleted (400)."""

    model = DocumentTemplate
    object_name = "template"
    serializer_class = s.TemplateSerializer
    update_service = services.template_update
    delete_service = services.template_delete


class TemplatePreview(APIView):
    """The template rendered to PDF with sample values."""

    permission_classes = MEMBER_PERMISSIONS
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request: Request, pk: Any) -> HttpResponse:
        template = selectors.get_visible(request.user, DocumentTemplate, pk)
        pdf = documents.document_render(
            template=template, context=SAMPLE_CONTEXT, organisation=template.organisation, recipient=SAMPLE_RECIPIENT
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


class PlaceholderList(APIView):
    """The placeholders a template may use, e.g. {{client_name}}."""

    permission_classes = MEMBER_PERMISSIONS

    @extend_schema(responses={200: results_envelope("PlaceholderList", s.PlaceholderSerializer(many=True))})
    def get(self, request: Request) -> Response:
        results = [{"name": name, "label": str(label)} for name, label in PLACEHOLDERS.items()]
        return Response({"results": results, "next": None})


class PlaybookPDF(APIView):
    """The whole playbook as one PDF."""

    permission_classes = MEMBER_PERMISSIONS
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request: Request) -> HttpResponse:
        return documents.playbook_response(user=request.user)


class KnowledgePageList(ScopedListCreate):
    """Knowledge pages (Markdown; `html` is the sanitised rendering)."""

    model = KnowledgePage
    serializer_class = s.KnowledgePageSerializer
    create_service = services.knowledge_page_create


class KnowledgePageDetail(ScopedDetail):
    """One knowledge page."""

    model = KnowledgePage
    object_name = "page"
    serializer_class = s.KnowledgePageSerializer
    update_service = services.knowledge_page_update
    delete_service = services.knowledge_page_delete
