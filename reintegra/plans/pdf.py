"""The plan as a PDF (Massnahmenplan / Zielvereinbarung) to print, discuss and sign."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra.core.pdf import Document
from reintegra.core.pdf import pdf_date as _d
from reintegra.core.pdf import pdf_money as _money
from reintegra.plans.models import Goal, Measure, MeasureStatus
from reintegra.plans.selectors.plan import PlanOverview, responsible_label


def _status_line(overview: PlanOverview) -> str:
    latest = overview.latest
    if latest is None:
        return _("Draft – not yet agreed with the client")
    agreed = _("Version %(number)s, agreed on %(date)s (%(form)s)") % {
        "number": latest.number,
        "date": _d(latest.agreed_on),
        "form": latest.get_form_display(),
    }
    if overview.is_draft:
        return _("Draft – changed since %(agreed)s") % {"agreed": agreed}
    return agreed


def _draft(overview: PlanOverview, obj: Goal | Measure) -> str:
    return " [" + _("Draft") + "]" if overview.is_changed(obj) else ""


def plan_pdf(overview: PlanOverview) -> bytes:
    case = overview.case
    doc = Document(
        title=_("Action plan and goal agreement"),
        subtitle=f"{case.reference} · {case.client}",
    )
    doc.field(_("Client"), str(case.client))
    doc.field(_("Case manager"), case.case_manager.display_name)
    doc.field(_("Case"), f"{case.reference} ({case.case_type.label})")
    doc.field(_("Plan version"), _status_line(overview))
    plan = overview.plan
    if plan.review_interval_weeks or plan.next_review_on:
        schedule = _("every %(weeks)s weeks, next review %(date)s") % {
            "weeks": plan.review_interval_weeks or "–",
            "date": _d(plan.next_review_on),
        }
        doc.field(_("Reviews"), schedule)
    if overview.is_draft:
        doc.ln(2)
        doc.paragraph(
            _("Draft: items marked [Draft] are new or changed since the last agreement and not yet agreed."),
            size=9,
        )

    doc.heading(_("Goals"))
    numbers = {goal.pk: index for index, goal in enumerate(overview.goals, start=1)}
    if not overview.goals:
        doc.paragraph(_("No goals yet."))
    for goal in overview.goals:
        doc.subheading(f"{numbers[goal.pk]}. {goal.title}{_draft(overview, goal)}")
        doc.field(_("Horizon"), goal.get_horizon_display())
        doc.field(_("Priority"), goal.get_priority_display())
        doc.field(pgettext("plan", "Due date"), _d(goal.due_date))
        doc.field(_("Weight"), str(goal.weight))
        doc.field(_("Status"), goal.get_status_display())
        doc.field(_("Measurable criterion"), goal.indicator)
        doc.table(
            [_("GAS level"), _("Description")],
            [[level, text] for level, text in goal.level_rows()],
            widths=[26, 148],
        )
        doc.ln(3)

    doc.heading(_("Measures"))
    if not overview.measures:
        doc.paragraph(_("No measures yet."))
    else:
        rows = []
        total = Decimal("0")
        for measure in overview.measures:
            served = ", ".join(str(numbers.get(goal.pk, "?")) for goal in measure.goals.all())
            dates = f"{_d(measure.start_date)} – {_d(measure.due_date)}" if measure.start_date else _d(measure.due_date)
            cost = _money(measure.planned_cost, overview.currency)
            if measure.cost_bearer:
                cost += f"\n{measure.get_cost_bearer_display()}"
            rows.append(
                [
                    f"{measure.title}{_draft(overview, measure)}",
                    served,
                    responsible_label(case, measure),
                    dates,
                    cost,
                    measure.provider.name if measure.provider else "–",
                ]
            )
            total += measure.planned_cost or 0
        doc.table(
            [_("Measure"), _("Goals"), pgettext("plan", "Responsible"), _("Dates"), _("Planned cost"), _("Provider")],
            rows,
            widths=[46, 14, 32, 28, 28, 26],
        )
        doc.field(_("Planned cost in total"), _money(total, overview.currency))
        for measure in overview.measures:
            steps = list(measure.steps.all())
            if steps:
                word = pgettext("plan", "from")
                text = ", ".join(f"{word} {_d(step.from_date)}: {step.workload_percent} %" for step in steps)
                doc.paragraph(_("Graded return to work") + f" – {measure.title}: {text}", size=9)
            if measure.resource_person:
                doc.paragraph(_("Resource person") + f" – {measure.title}: {measure.resource_person}", size=9)

    doc.ln(4)
    doc.keep_together(60)  # the agreement sentence and the signature lines on one page
    doc.paragraph(
        _("We agree to this plan. It is reviewed at the agreed dates and changed when the situation changes.")
    )
    doc.signature_lines([_("Place, date"), _("Client"), _("Case manager")])
    return doc.render()


def participant_plan_pdf(payload: dict[str, Any]) -> bytes:
    """The plan as a participant with access by consent may see it (`cases.disclosure.disclosed_payload`):
    the goals shared with participants (title, due date) and the measures they are responsible for —
    no indicators, GAS levels, costs, other people's measures or health text."""
    client = payload["client"]
    doc = Document(
        title=_("Action plan: your part"),
        subtitle=f"{payload['reference']} · {client['first_name']} {client['last_name']}",
    )
    doc.field(_("Client"), f"{client['first_name']} {client['last_name']}")
    doc.field(_("Case"), f"{payload['reference']} ({payload['case_type']['name']})")
    doc.paragraph(
        _(
            "This document shows only what the client agreed to share with you: the goals shared with "
            "participants and the measures you are responsible for."
        ),
        size=9,
    )
    doc.heading(_("Shared goals"))
    if not payload["goals"]:
        doc.paragraph(_("No goals are shared with you."))
    else:
        doc.table(
            [_("Goal"), pgettext("plan", "Due date")],
            [[goal["title"], _d(_parse(goal.get("due_date")))] for goal in payload["goals"]],
            widths=[134, 40],
        )
    doc.heading(_("Your measures"))
    if not payload["measures"]:
        doc.paragraph(_("No measures are assigned to you."))
    else:
        rows = []
        for measure in payload["measures"]:
            start, due = _parse(measure.get("start_date")), _parse(measure.get("due_date"))
            dates = f"{_d(start)} – {_d(due)}" if start else _d(due)
            rows.append([measure["title"], dates, str(MeasureStatus(measure["status"]).label)])
        doc.table([_("Measure"), _("Dates"), _("Status")], rows, widths=[104, 44, 26])
    return doc.render()


def _parse(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if value else None
