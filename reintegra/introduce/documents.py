"""PDF and CSV output: document templates, the playbook, the SOAR analysis.

`playbook_response` is the playbook download both skins answer with (the page and the API),
so the UI does not import from the API layer. All PDFs use `reintegra.core.pdf.Document`
(embedded DejaVu font: umlauts render).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation
from reintegra.core.pdf import Document, Letter, Letterhead
from reintegra.core.spreadsheet import csv_text
from reintegra.introduce import selectors
from reintegra.introduce.models import (
    Channel,
    CommunicationRule,
    CyclePhase,
    DocumentTemplate,
    Event,
    ImplementationProject,
    KnowledgePage,
    Party,
    Quadrant,
    Raci,
    RaciRow,
    SoarItem,
)
from reintegra.introduce.placeholders import placeholders_require, substitute
from reintegra.introduce.rendering import markdown_to_text


def _paragraphs(doc: Document, text: str) -> None:
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            doc.paragraph(block.strip())


def document_render(
    *,
    template: DocumentTemplate,
    context: dict[str, str],
    organisation: Organisation,
    recipient: list[str],
    day: date | None = None,
) -> bytes:
    """The template filled with `context` as a letter (core.pdf.Letter: the organisation's letterhead,
    `recipient`'s address block, place and date, the title as subject), headings in the template's language.

    `context` maps placeholder names (see `placeholders.PLACEHOLDERS`) to text. A placeholder the template
    uses without a value refuses the letter (InvalidInput naming it, `placeholders_require`).
    Values are inserted as they are, never interpreted.
    """
    placeholders_require(texts=[template.title, template.body, template.aims, template.data_collected], context=context)
    with translation.override(template.language):
        doc = Letter(
            letterhead=Letterhead.of(organisation),
            recipient=recipient,
            subject=substitute(template.title, context),
            day=day or timezone.localdate(),
        )
        doc.body(substitute(template.body, context))
        if template.aims.strip():
            doc.heading(_("Aims"))
            _paragraphs(doc, substitute(template.aims, context))
        if template.data_collected.strip():
            doc.heading(_("Data collected"))
            _paragraphs(doc, substitute(template.data_collected, context))
        return doc.render()


def _parties(row: RaciRow, letter: str) -> str:
    return ", ".join(
        str(Party(p).label) for p, value in row.assignments.items() if value == letter and p in Party.values
    )


def playbook_pdf(
    *,
    organisation: Organisation,
    projects: Iterable[ImplementationProject],
    raci_rows: Iterable[RaciRow],
    rules: Iterable[CommunicationRule],
    templates: Iterable[DocumentTemplate],
    pages: Iterable[KnowledgePage],
) -> bytes:
    """The whole playbook: understanding and scope, RACI per phase, rules, templates, knowledge pages."""
    today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    doc = Document(
        title=_("Playbook – %(name)s") % {"name": organisation.name}, subtitle=_("As of %(date)s") % {"date": today}
    )
    for project in projects:
        doc.heading(project.title)
        doc.field(_("Scope"), str(project.get_scope_display()))
        if project.understanding:
            doc.paragraph(project.understanding)
        if project.scope_note:
            doc.paragraph(project.scope_note)
    phase_order = {phase.value: index for index, phase in enumerate(CyclePhase)}
    rows = sorted(raci_rows, key=lambda r: (phase_order.get(r.phase, 99), r.position, r.created_at))
    doc.heading(_("Roles and responsibilities (RACI)"))
    if rows:
        doc.paragraph(_("R responsible · A accountable · C consulted · I informed"), size=8)
        doc.table(
            [_("Phase"), _("Activity"), "R", "A", "C", "I"],
            [
                [str(CyclePhase(r.phase).label), r.activity, *(_parties(r, letter) for letter in Raci.values)]
                for r in rows
            ],
            widths=[28, 44, 27, 27, 24, 24],
        )
    else:
        doc.paragraph(_("No roles defined yet."))
    rule_list = list(rules)
    doc.heading(_("Communication rules"))
    if rule_list:
        doc.table(
            [_("When"), _("Inform"), _("Through"), _("Template"), _("Active")],
            [
                [
                    str(Event(r.event).label),
                    str(Party(r.recipient).label),
                    str(Channel(r.channel).label),
                    r.template.title,
                    _("yes") if r.active else _("no"),
                ]
                for r in rule_list
            ],
            widths=[36, 40, 26, 56, 16],
        )
    else:
        doc.paragraph(_("No communication rules yet."))
    for template in templates:
        doc.heading(_("Template: %(title)s") % {"title": template.title})
        doc.field(_("Kind"), str(template.get_kind_display()))
        _paragraphs(doc, template.body)
        if template.aims:
            doc.field(_("Aims"), template.aims)
        if template.data_collected:
            doc.field(_("Data collected"), template.data_collected)
    for page in pages:
        doc.heading(page.title)
        _paragraphs(doc, markdown_to_text(page.body))
    return doc.render()


def soar_rows(items: Iterable[SoarItem]) -> list[list[Any]]:
    return [
        [
            str(Quadrant(i.quadrant).label),
            i.text,
            getattr(i, "vote_count", 0),
            i.author.display_name if i.author else "",
        ]
        for i in items
    ]


def soar_csv(*, items: Iterable[SoarItem]) -> str:
    return csv_text([_("Quadrant"), _("Text"), _("Votes"), _("Author")], soar_rows(items))


def soar_pdf(*, project: ImplementationProject, items: Iterable[SoarItem]) -> bytes:
    item_list = list(items)
    doc = Document(title=_("SOAR analysis – %(title)s") % {"title": project.title})
    for quadrant in Quadrant:
        doc.heading(str(quadrant.label))
        entries = [i for i in item_list if i.quadrant == quadrant]
        if not entries:
            doc.paragraph(_("No entries yet."))
            continue
        doc.table(
            [_("Text"), _("Votes")],
            [[i.text, str(getattr(i, "vote_count", 0))] for i in entries],
            widths=[150, 24],
        )
    return doc.render()


def playbook_response(*, user: Any) -> HttpResponse:
    """The playbook PDF of the user's organisation (read through the selectors), for the page and the API."""
    pdf = playbook_pdf(
        organisation=user.organisation,
        projects=selectors.visible_to(user, ImplementationProject).filter(unit__isnull=True),
        raci_rows=selectors.visible_to(user, RaciRow),
        rules=selectors.visible_to(user, CommunicationRule).select_related("template"),
        templates=selectors.visible_to(user, DocumentTemplate),
        pages=selectors.knowledge_pages_in_playbook(user=user),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="playbook.pdf"'
    return response
