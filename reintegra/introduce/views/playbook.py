"""Pages: the playbook (RACI, communication rules, templates), its PDF, and knowledge pages."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reintegra.introduce import documents, selectors
from reintegra.introduce.models import CommunicationRule, DocumentTemplate, KnowledgePage
from reintegra.introduce.placeholders import PLACEHOLDERS, SAMPLE_CONTEXT, SAMPLE_RECIPIENT
from reintegra.introduce.rendering import markdown_to_html
from reintegra.introduce.views._base import member_required, role_context


@member_required
@require_GET
def playbook(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    rules = list(selectors.visible_to(user, CommunicationRule).select_related("template"))
    for rule in rules:
        rule.consent_purpose = selectors.rule_consent_purpose(rule)  # type: ignore[attr-defined]
    context = {
        "raci": selectors.raci_matrix(user=user),
        "rules": rules,
        "templates": selectors.visible_to(user, DocumentTemplate),
        "pages": selectors.knowledge_pages_in_playbook(user=user),
        **role_context(request),
    }
    return render(request, "introduce/playbook.html", context)


@member_required
@require_GET
def playbook_pdf(request: HttpRequest) -> HttpResponse:
    return documents.playbook_response(user=request.user)


@member_required
@require_GET
def template_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    template = selectors.get_visible(request.user, DocumentTemplate, pk)
    context = {
        "template": template,
        "placeholders": PLACEHOLDERS,
        "rules": template.rules.all(),
        **role_context(request),
    }
    return render(request, "introduce/template_detail.html", context)


@member_required
@require_GET
def template_preview(request: HttpRequest, pk: Any) -> HttpResponse:
    """The template as PDF, filled with sample values."""
    template = selectors.get_visible(request.user, DocumentTemplate, pk)
    response = HttpResponse(
        documents.document_render(
            template=template,
            context=SAMPLE_CONTEXT,
            organisation=template.organisation,
            recipient=SAMPLE_RECIPIENT,
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'inline; filename="preview.pdf"'
    return response


@member_required
@require_GET
def knowledge(request: HttpRequest) -> HttpResponse:
    pages = selectors.visible_to(request.user, KnowledgePage).only("id", "title", "in_playbook", "updated_at")
    return render(request, "introduce/knowledge_list.html", {"pages": pages, **role_context(request)})


@member_required
@require_GET
def knowledge_page(request: HttpRequest, pk: Any) -> HttpResponse:
    page = selectors.get_visible(request.user, KnowledgePage, pk)
    context = {"page": page, "html": markdown_to_html(page.body), **role_context(request)}
    return render(request, "introduce/knowledge_page.html", context)
