"""The client's own plan as a PDF (client portal): what the portal's plan section shows, no more —
the agreed goals with their dates and the measures with dates, who is responsible and their status;
no descriptions, indicators, GAS levels, costs or ratings."""

from typing import Any

from django.utils.translation import gettext as _

from reintegra.core.formatting import format_date
from reintegra.core.pdf import Document
from reintegra.portal.selectors import PlanView


def client_plan_pdf(case: Any, plan: PlanView) -> bytes:
    doc = Document(title=_("My plan"), subtitle=f"{case.reference} · {case.client}")
    doc.field(_("Case manager"), case.case_manager.display_name)
    if plan.agreed_on:
        doc.paragraph(_("Agreed with you on %(date)s.") % {"date": format_date(plan.agreed_on)})
    doc.heading(_("Goals"))
    if not plan.goals:
        doc.paragraph(_("No goals have been agreed yet."))
    for goal in plan.goals:
        due = _("By %(date)s") % {"date": format_date(goal["due_date"])} if goal["due_date"] else ""
        doc.paragraph(f"• {goal['title']}" + (f" – {due}" if due else ""))
    doc.heading(_("Measures"))
    if not plan.measures:
        doc.paragraph(_("No measures yet."))
    else:
        rows = [
            [
                measure["title"],
                _("you") if measure["mine"] else measure["responsible"],
                (f"{format_date(measure['start_date'])} – " if measure["start_date"] else "")
                + format_date(measure["due_date"]),
                measure["status_label"],
            ]
            for measure in plan.measures
        ]
        doc.table([_("Measure"), _("Who"), _("Dates"), _("Status")], rows, widths=[70, 40, 36, 28])
    return doc.render()
