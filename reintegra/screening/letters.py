"""The invitation letter: the organisation's BEM invitation template when it has one, else a shipped text.

Template text is filled with `introduce.placeholders.substitute` (user-written text is never
handed to the template engine). A letter in which a placeholder would stay empty is refused:
an invitation that says "reply by ." or "Dear ," must not go out.
"""

from datetime import date
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reintegra.core.pdf import Letter, Letterhead
from reintegra.introduce.models import DocumentTemplate, TemplateKind
from reintegra.introduce.placeholders import placeholders_require, substitute

LETTER_FIELDS = ("title", "body", "aims", "data_collected")

# Shipped texts (German, the product's primary language; French and Italian below): aims, data,
# voluntariness, deadline. The employee register keeps no language, so a letter is in the language of
# the case manager who makes it (German for English readers: the shipped texts are legal letters).
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


DEFAULT_LETTERS_FR: dict[str, dict[str, str]] = {
    "bem": {
        "title": "Invitation à la gestion de la réintégration en entreprise (BEM)",
        "body": (
            "Bonjour {{client_name}}\n\n"
            "Au cours des douze derniers mois, vous avez été en incapacité de travail pendant plus de six "
            "semaines. {{organisation_name}} vous propose donc une gestion de la réintégration en entreprise "
            "(BEM) selon le § 167, al. 2, SGB IX.\n\n"
            "La participation est volontaire. Si vous ne souhaitez pas y participer, vous n'en subirez aucun "
            "inconvénient. Vous pouvez retirer votre consentement à tout moment.\n\n"
            "Veuillez nous faire savoir d'ici au {{reply_by}} si vous acceptez cette offre.\n\n"
            "Meilleures salutations\n{{case_manager_name}}\n{{organisation_name}}"
        ),
        "aims": (
            "La BEM vise à surmonter votre incapacité de travail, à prévenir une nouvelle incapacité et à "
            "maintenir votre poste de travail."
        ),
        "data_collected": (
            "Seules les données nécessaires à la BEM sont recueillies : vos absences, des indications sur votre "
            "capacité de travail, sur les contraintes au poste de travail et sur les mesures possibles. Votre "
            "employeur n'apprend aucun diagnostic. Le dossier BEM est tenu séparément du dossier du personnel."
        ),
    },
    "default": {
        "title": "Offre d'accompagnement par la gestion de cas",
        "body": (
            "Bonjour {{client_name}}\n\n"
            "En raison de vos absences, {{organisation_name}} vous propose un accompagnement par la gestion "
            "de cas ({{case_type}}).\n\n"
            "La participation est volontaire. Si vous ne souhaitez pas y participer, vous n'en subirez aucun "
            "inconvénient. Vous pouvez retirer votre consentement à tout moment.\n\n"
            "Veuillez nous faire savoir d'ici au {{reply_by}} si vous acceptez cette offre.\n\n"
            "Meilleures salutations\n{{case_manager_name}}\n{{organisation_name}}"
        ),
        "aims": (
            "La gestion de cas vise à maintenir ou à rétablir votre capacité de travail et à préserver votre "
            "poste. Vous serez informé·e avant toute communication à l'office AI (détection précoce AI)."
        ),
        "data_collected": (
            "Seules les données nécessaires sont recueillies : vos absences, des indications sur votre capacité "
            "de travail et sur les mesures possibles. Votre employeur n'apprend aucun diagnostic."
        ),
    },
}

DEFAULT_LETTERS_IT: dict[str, dict[str, str]] = {
    "bem": {
        "title": "Invito alla gestione della reintegrazione aziendale (BEM)",
        "body": (
            "Buongiorno {{client_name}}\n\n"
            "Negli ultimi dodici mesi è stato/a inabile al lavoro per più di sei settimane. "
            "{{organisation_name}} Le offre pertanto una gestione della reintegrazione aziendale (BEM) "
            "secondo il § 167 cpv. 2 SGB IX.\n\n"
            "La partecipazione è facoltativa. Se non desidera partecipare, non ne subirà alcuno svantaggio. "
            "Può revocare il Suo consenso in qualsiasi momento.\n\n"
            "La preghiamo di comunicarci entro il {{reply_by}} se accetta l'offerta.\n\n"
            "Cordiali saluti\n{{case_manager_name}}\n{{organisation_name}}"
        ),
        "aims": (
            "La BEM mira a superare la Sua inabilità al lavoro, a prevenire una nuova inabilità e a "
            "mantenere il Suo posto di lavoro."
        ),
        "data_collected": (
            "Vengono raccolti solo i dati necessari alla BEM: le Sue assenze, indicazioni sulla Sua capacità "
            "lavorativa, sugli oneri sul posto di lavoro e sulle possibili misure. Il Suo datore di lavoro non "
            "viene a conoscenza di alcuna diagnosi. L'incarto BEM è tenuto separato dall'incarto del personale."
        ),
    },
    "default": {
        "title": "Offerta di accompagnamento da parte della gestione dei casi",
        "body": (
            "Buongiorno {{client_name}}\n\n"
            "A causa delle Sue assenze, {{organisation_name}} Le offre un accompagnamento da parte della "
            "gestione dei casi ({{case_type}}).\n\n"
            "La partecipazione è facoltativa. Se non desidera partecipare, non ne subirà alcuno svantaggio. "
            "Può revocare il Suo consenso in qualsiasi momento.\n\n"
            "La preghiamo di comunicarci entro il {{reply_by}} se accetta l'offerta.\n\n"
            "Cordiali saluti\n{{case_manager_name}}\n{{organisation_name}}"
        ),
        "aims": (
            "La gestione dei casi mira a mantenere o ripristinare la Sua capacità lavorativa e a preservare "
            "il Suo posto di lavoro. Prima di un'eventuale comunicazione all'ufficio AI (rilevamento "
            "tempestivo AI) sarà informato/a."
        ),
        "data_collected": (
            "Vengono raccolti solo i dati necessari: le Sue assenze, indicazioni sulla Sua capacità lavorativa "
            "e sulle possibili misure. Il Suo datore di lavoro non viene a conoscenza di alcuna diagnosi."
        ),
    },
}

SHIPPED_LETTERS = {"de": DEFAULT_LETTERS, "fr": DEFAULT_LETTERS_FR, "it": DEFAULT_LETTERS_IT}


def _letter_language() -> str:
    """The active language if a shipped text exists in it, else German."""
    language = (get_language() or "de")[:2]
    return language if language in SHIPPED_LETTERS else "de"


def _short(value: date) -> str:
    return f"{value.day}.{value.month}.{value.year}"


def letter_template(*, organisation: Any, case_type_key: str) -> dict[str, str]:
    """The organisation's own BEM invitation (newest, German first) for BEM; else the shipped text in the
    case manager's language (German, French or Italian)."""
    language = _letter_language()
    if case_type_key == "bem":
        own = (
            DocumentTemplate.objects.filter(organisation=organisation, kind=TemplateKind.BEM_INVITATION)
            .order_by("language", "-updated_at")  # "de" before "en": German first
            .first()
        )
        if own is not None:
            return {name: getattr(own, name) or "" for name in LETTER_FIELDS}
    return dict(SHIPPED_LETTERS[language]["bem" if case_type_key == "bem" else "default"])


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
