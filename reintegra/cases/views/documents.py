"""The information sheet given to the client at intake (printable PDF)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.selectors import case_get
from reintegra.core.formatting import format_date
from reintegra.core.languages import own_language
from reintegra.core.pdf import Document


def information_sheet_pdf(case: Any) -> bytes:
    """The sheet in the client's language where it is set, else the reader's (who hands it over)."""
    with translation.override(own_language(case.client.language) or translation.get_language()):
        return _information_sheet(case)


def _information_sheet(case: Any) -> bytes:
    doc = Document(
        title=_("Information about case management"),
        subtitle=f"{case.case_type.label} · {case.reference}",
    )
    doc.field(_("For"), str(case.client))
    doc.field(_("Case manager"), case.case_manager.display_name)
    if case.commissioning_party_name:
        doc.field(_("Commissioning party"), case.commissioning_party_name)
    doc.heading(_("What case management is, its goals and benefit"))
    doc.paragraph(case.case_type.information_text_shown or "–")
    if case.case_type.criteria_shown:
        doc.heading(_("Criteria for admission"))
        for criterion in case.case_type.criteria_shown:
            doc.paragraph(f"• {criterion}")
    if case.commissioning_party_name:
        doc.heading(_("Dependencies"))
        doc.paragraph(
            _("This case management was commissioned by %(party)s. What is shared with them needs your consent.")
            % {"party": case.commissioning_party_name}
        )
    doc.paragraph(_("Handed over on %(date)s.") % {"date": format_date(timezone.localdate())})
    doc.signature_lines([_("Client"), _("Case manager")])
    return doc.render()


@login_required
@require_GET
def information_sheet_view(request: HttpRequest, case_id: Any) -> HttpResponse:
    case = case_get(user=request.user, case_id=case_id, request=request, log=False)  # type: ignore[arg-type]
    access_log_write(
        user=request.user,
        action=AccessAction.EXPORT,
        object_type="information_sheet",
        object_id=case.pk,
        case_id=case.pk,
        request=request,
    )
    response = HttpResponse(information_sheet_pdf(case), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-information.pdf"'
    return response
