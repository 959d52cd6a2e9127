"""The organisation's document templates (BEM invitation, information sheet …) rendered for one case."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import InvalidInput
from reintegra.introduce import documents
from reintegra.introduce.firing import case_context, case_recipient
from reintegra.introduce.models import DocumentTemplate


@login_required
@require_GET
def case_documents(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    templates = DocumentTemplate.objects.filter(organisation=case.organisation).order_by("kind", "title")
    return render(request, "introduce/case_documents.html", {"case": case, "templates": templates})


@login_required
@require_GET
def case_document(request: HttpRequest, case_id: Any, pk: Any) -> HttpResponse:
    """The template filled with this case's data, as PDF; the export is logged."""
    case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
    template = get_object_or_404(DocumentTemplate, organisation=case.organisation, pk=pk)
    try:
        pdf = documents.document_render(
            template=template,
            context=case_context(case),
            organisation=case.organisation,
            recipient=case_recipient(case),
        )
    except InvalidInput as exc:
        for text in exc.errors.get("letter", []):
            messages.error(request, text)
        templates = DocumentTemplate.objects.filter(organisation=case.organisation).order_by("kind", "title")
        return render(request, "introduce/case_documents.html", {"case": case, "templates": templates}, status=400)
    access_log_write(
        user=request.user,
        action=AccessAction.EXPORT,
        object_type="document",
        object_id=template.pk,
        case_id=case.pk,
        request=request,
        detail=template.kind,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-{template.kind}.pdf"'
    return response
