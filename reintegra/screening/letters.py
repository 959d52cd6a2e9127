"""The invitation letter: the organisation's BEM invitation template when it has one, else a shipped text.

Template text is filled with `introduce.placeholders.substitute` (user-written text is never
handed to the template engine). A letter in which a placeholder would stay empty is refused:
an invitation that says "reply by ." or "Dear ," must not go out.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from reintegra.core.pdf import Letter, Letterhead
from reintegra.introduce.models import DocumentTemplate, TemplateKind
from reintegra.introduce.placeholders import placeholders_require, substitute

LETTER_FIELDS = ("title", "body", "aims", "data_collected")

# Shipped texts (German, the product's primary language): aims, data, voluntariness, deadline.
DEFAULT_LETTERS: dict[str, dict[str, str]] = {
    "bem": {
        "title": "Einladung zum Betrieblichen Eingliederungsmanagement (BEM)",
        "body": (
            "Guten Tag {{client_name}}\n\n"
            "Sie waren in den letzten zwölf Monaten länger als sechs Wochen arbeitsunfähig. "
            "{{organisation_name}} bietet Ihnen deshalb ein Betriebliches Eingliederungsmanagement (BEM) "
            "nach § 167 Abs. 2 SGB IX an.\n\n"
            "Die Teilnahme ist freiwillig. Wenn Sie nicht teilnehmen möchten, entstehen Ihnen daraus keine "
            "Nachteile. Sie können Ihre Zustimmung jederzeit zurückziehen.\n\n"
            "Bitte teilen Sie uns bis zum {{reply_by}} mit, ob Sie das Angebot annehmen.\n\n"
            "Freundliche Grüsse\n{{case_manager_name}}\n{{organisation_name}}"
        ),
        "aims": (
            "Das BEM soll Ihre Arbeitsunfähigkeit überwinden, erneuter Arbeitsunfähigkeit vorbeugen und "
            "Ihren Arbeitsplatz erhalten."
        ),
        "data_collected": (
            "Erhoben werden nur die Daten, die für das BEM nötig sind: Ihre Fehlzeiten, Angaben zu Ihrer "
            "Arbeitsfähigkeit, zu Belastungen am Arbeitsplatz und zu möglichen Massnahmen. Diagnosen erfährt "
            "Ihr Arbeitgeber nicht. Die BEM-Akte wird getrennt von der Personalakte geführt."
        ),
    },
    "default": {
        "title": "Angebot einer Begleitung durch das Case Management",
        "body": (
            "Guten Tag {{client_name}}\n\n"
            "Aufgrund Ihrer Absenzen bietet Ihnen {{organisation_name}} eine Begleitung durch das Case "
            "Management an ({{case_type}}).\n\n"
            "Die Teilnahme ist freiwillig. Wenn Sie nicht teilnehmen möchten, entstehen Ihnen daraus keine "
            "Nachteile. Sie können Ihre Zustimmung jederzeit zurückziehen.\n\n"
            "Bitte teilen Sie uns bis zum {{reply_by}} mit, ob Sie das Angebot annehmen.\n\n"
            "Freundliche Grüsse\n{{case_manager_name}}\n{{organisation_name}}"
        ),
        "aims": (
            "Das Case Management soll Ihre Arbeitsfähigkeit erhalten oder wiederherstellen und Ihren "
            "Arbeitsplatz sichern. Vor einer allfälligen Meldung an die IV-Stelle werden Sie informiert."
        ),
        "data_collected": (
            "Erhoben werden nur die nötigen Daten: Ihre Absenzen, Angaben zu Ihrer Arbeitsfähigkeit und zu "
            "möglichen Massnahmen. Diagnosen erfährt Ihr Arbeitgeber nicht."
        ),
    },
}


def _short(value: date) -> str:
    return f"{value.day}.{value.month}.{value.year}"


def letter_template(*, organisation: Any, case_type_key: str) -> dict[str, str]:
    """The organisation's own BEM invitation (newest, German first) for BEM; else the shipped text."""
    if case_type_key == "bem":
        own = (
            DocumentTemplate.objects.filter(organisation=organisation, kind=TemplateKind.BEM_INVITATION)
            .order_by("language", "-updated_at")  # "de" before "en": German first
            .first()
        )
        if own is not None:
            return {name: getattr(own, name) or "" for name in LETTER_FIELDS}
    return dict(DEFAULT_LETTERS["bem" if case_type_key == "bem" else "default"])


def letter_compose(
    *,
    organisation: Any,
    employee: Any,
    case_type_key: str,
    case_type_name: str,
    sender: Any,
    respond_by: date,
    today: date,
    eligible_since: date | None,
) -> dict[str, str]:
    """The filled letter (title, body, aims, data collected), or InvalidInput naming the empty placeholders."""
    template = letter_template(organisation=organisation, case_type_key=case_type_key)
    context = {
        "client_name": employee.name,
        "client_first_name": employee.first_name,
        "client_last_name": employee.last_name,
        "organisation_name": organisation.name,
        "unit_name": employee.unit.name if employee.unit_id else "",
        "today": _short(today),
        "reply_by": _short(respond_by),
        "due_date": _short(respond_by),
        "event_date": _short(eligible_since) if eligible_since else "",
        "case_type": case_type_name,
        "case_manager_name": sender.display_name if sender else "",
        "case_manager_email": (sender.email or "") if sender else "",
        "case_reference": "",  # there is no case yet: a template that needs one cannot be used
        "measure_title": "",
    }
    placeholders_require(
        texts=template.values(),
        context=context,
        message=_(
            "The invitation letter cannot be made: the template uses %(names)s, which have no value "
            "for this invitation. Change the BEM invitation template in the playbook."
        ),
    )
    return {name: substitute(text, context) for name, text in template.items()}


def letter_recipient(employee: Any) -> list[str]:
    """The address block of an invitation: internal mail, personal, to the employee in their unit."""
    lines = [_("Personal and confidential"), employee.name]
    if employee.unit_id:
        lines.append(employee.unit.name)
    lines.append(employee.organisation.name)
    return lines


def letter_pdf(*, letter: dict[str, str], invitation: Any) -> bytes:
    """The letter as PDF on the organisation's letterhead: addressed to the employee, dated the day the
    invitation was made, the title as subject; the text, its aims, the data collected and the deadline."""
    employee = invitation.employee
    doc = Letter(
        letterhead=Letterhead.of(employee.organisation),
        recipient=letter_recipient(employee),
        subject=letter.get("title", ""),
        day=invitation.invited_on,
    )
    doc.body(letter.get("body", ""))
    if letter.get("aims", "").strip():
        doc.heading(_("Aims"))
        doc.paragraph(letter["aims"].strip())
    if letter.get("data_collected", "").strip():
        doc.heading(_("Data collected"))
        doc.paragraph(letter["data_collected"].strip())
    doc.heading(_("Please reply by"))
    doc.paragraph(_short(invitation.respond_by))
    return doc.render()
