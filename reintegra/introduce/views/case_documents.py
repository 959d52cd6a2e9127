"""The organisation's document templates (BEM invitation, information sheet …) rendered for one case.

Values a case does not know by itself (the reply-by date of an invitation, a measure's title) are
asked on the documents page and passed with the download (`?reply_by=2026-12-18`)."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.models import Case
from reintegra.cases.selectors import case_get
from reintegra.core.exceptions import InvalidInput
from reintegra.core.formatting import format_date
from reintegra.core.languages import document_language
from reintegra.introduce import documents
from reintegra.introduce.firing import case_context, case_recipient
from reintegra.introduce.models import DocumentTemplate
from reintegra.introduce.placeholders import ASKED_PLACEHOLDERS, PLACEHOLDERS, placeholders_asked
from reintegra.network.selectors.referrals import referral_letters_of

MAX_ASKED_LENGTH = 200


def _template_texts(template: DocumentTemplate) -> list[str]:
    return [template.title, template.body, template.aims, template.data_collected]


def _documents_page(
    request: HttpRequest, case: Case, status: int = 200, values: QueryDict | None = None
) -> HttpResponse:
    templates = DocumentTemplate.objects.filter(organisation=case.organisation).order_by("kind", "title")
    rows = [
        {
            "template": template,
            "asked": [
                {
                    "name": name,
                    "label": PLACEHOLDERS[name],
                    "type": ASKED_PLACEHOLDERS[name],
                    "value": (values or {}).get(name, "")
                    if values and values.get("template") == str(template.pk)
                    else "",
                }
                for name in placeholders_asked(_template_texts(template))
            ],
        }
        for template in templates
    ]
    context = {"case": case, "rows": rows, "referral_letters": referral_letters_of(case)}
    return render(request, "introduce/case_documents.html", context, status=status)


def _asked_values(query: QueryDict, names: list[str]) -> dict[str, str]:
    """The asked placeholders' values from the query, dates shown in the reader's format; InvalidInput
    naming the placeholder for a date that is not one or a text that is too long."""
    values: dict[str, str] = {}
    for name in names:
        raw = query.get(name, "").strip()
        if not raw:
            continue
        if ASKED_PLACEHOLDERS[name] == "date":
            try:
                values[name] = format_date(date.fromisoformat(raw))
            except ValueError:
                raise InvalidInput(
                    {name: [_("%(field)s: this is not a valid date.") % {"field": PLACEHOLDERS[name]}]}
                ) from None
        elif len(raw) > MAX_ASKED_LENGTH:
            raise InvalidInput(
                {
                    name: [
                        _("%(field)s: at most %(max)s characters.")
                        % {"field": PLACEHOLDERS[name], "max": MAX_ASKED_LENGTH}
                    ]
                }
            )
        else:
            values[name] = raw
    return values


@login_required
@require_GET
def case_documents(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request)  # type: ignore[arg-type]
    return _documents_page(request, case)


def template_for_client(template: DocumentTemplate, case: Case) -> DocumentTemplate:
    """The organisation's template of the same kind in the client's language where it has one (a letter
    to the client is written in their language), else the one chosen."""
    language = document_language(case.client.language)
    if template.language == language:
        return template
    return (
        DocumentTemplate.objects.filter(organisation=case.organisation, kind=template.kind, language=language)
        .order_by("title")
        .first()
        or template
    )


@login_required
@require_GET
def case_document(request: HttpRequest, case_id: Any, pk: Any) -> HttpResponse:
    """The template filled with this case's data (and the values asked on the page), as PDF; the export
    is logged. A missing or bad value: the documents page again, 400, with the message naming it."""
    case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
    chosen = get_object_or_404(DocumentTemplate, organisation=case.organisation, pk=pk)
    template = template_for_client(chosen, case)
    try:
        asked = _asked_values(request.GET, placeholders_asked(_template_texts(template)))
        with translation.override(template.language):  # {{today}} as the letter's reader writes it
            context = case_context(case) | asked
        pdf = documents.document_render(
            template=template,
            context=context,
            organisation=case.organisation,
            recipient=case_recipient(case),
        )
    except InvalidInput as exc:
        for texts in exc.errors.values():
            for text in texts:
                messages.error(request, text)
        values = request.GET.copy()
        values["template"] = str(chosen.pk)
        return _documents_page(request, case, status=400, values=values)
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
