"""Demo data for "Demo AG": a project with SOAR, resource map and 4-D work, a playbook, office hours.

Idempotent: objects are found by natural keys and created only when missing;
office hours that have taken place are moved into the future again.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Model
from django.utils import timezone

from reintegra.accounts.models import Organisation, Unit, User
from reintegra.introduce.demo_texts import (
    BEM_AIMS,
    BEM_BODY,
    BEM_DATA,
    INFO_SHEET,
    KNOWLEDGE_PAGE,
    SOAR_ITEMS,
    UNDERSTANDING,
)
from reintegra.introduce.models import (
    ActionItem,
    CommunicationRule,
    DocumentTemplate,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    KnowledgePage,
    OfficeHourSession,
    RaciRow,
    ResourceEntry,
    SoarItem,
    SoarVote,
    Stakeholder,
    Statement,
)

ORGANISATION = "Demo AG"


def _ensure(model: type[Model], lookup: dict[str, Any], defaults: dict[str, Any] | None = None) -> Any:
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **(defaults or {}))
        obj.full_clean()
        obj.save()
    return obj


def _project(org: Organisation, units: dict[str, Unit], users: dict[str, User]) -> ImplementationProject:
    project = _ensure(
        ImplementationProject,
        {"organisation": org, "unit": None},
        {
            "title": "Einführung Case Management",
            "understanding": UNDERSTANDING,
            "scope": "selected_units",
            "scope_note": "Zuerst BEM-Fälle an den Standorten Basel und Zürich, ab Herbst 2027 alle "
            "Langzeitabsenzen. Alle fünf Phasen des Case-Management-Regelkreises.",
            "started_on": date(2026, 9, 1),
        },
    )
    project.participating_units.add(*units.values())
    for name, function, level, status, unit in [
        ("Geschäftsleitung", "Auftrag und Ressourcen", "management", "on_board", None),
        ("Leitung HR", "Personalprozesse, Absenzenmanagement", "management", "on_board", None),
        ("Carla Rossi", "Teamleitung Case Management", "middle", "on_board", None),
        ("Linienvorgesetzte Basel", "Rückkehrgespräche", "middle", "needed", "Basel"),
        ("Case Managerinnen", "Fallführung", "operational", "on_board", None),
        ("Personalkommission", "Mitwirkung, Vertrauen der Mitarbeitenden", "operational", "needed", None),
        ("Betriebsärztlicher Dienst", "Arbeitsfähigkeit beurteilen", "external", "needed", None),
    ]:
        _ensure(
            Stakeholder,
            {"project": project, "name": name},
            {"function": function, "level": level, "status": status, "unit": units.get(unit or "")},
        )
    for kind, title, phase, unit, description in [
        (
            "process",
            "Absenzenmanagement",
            "intake",
            None,
            "Meldet Absenzen über 30 Tage an HR; Auslöser für das Erstgespräch.",
        ),
        (
            "structure",
            "Betriebliches Gesundheitsmanagement",
            "assessment",
            None,
            "Gesundheitszirkel und Arbeitsplatzanalysen.",
        ),
        (
            "method",
            "Ressourcenorientiertes Mitarbeitendengespräch",
            "planning",
            "Zürich",
            "Leitfaden aus dem Führungstraining.",
        ),
        ("structure", "Wöchentliche Fallbesprechung", "monitoring", "Basel", "Intervision im Team, 60 Minuten."),
        (
            "process",
            "Austrittsbefragung",
            "evaluation",
            None,
            "Kann um Fragen zur Zufriedenheit mit dem CM ergänzt werden.",
        ),
    ]:
        _ensure(
            ResourceEntry,
            {"project": project, "title": title},
            {"kind": kind, "phase": phase, "unit": units.get(unit or ""), "description": description},
        )
    for quadrant, text, voters in SOAR_ITEMS:
        item = _ensure(
            SoarItem, {"project": project, "text": text}, {"quadrant": quadrant, "author": users.get("carla")}
        )
        for username in voters:
            if username in users:
                SoarVote.objects.get_or_create(item=item, user=users[username])
    for position, text in enumerate(
        [
            "Erzählen Sie von einer Rückkehr an den Arbeitsplatz, die gut gelungen ist. Was hat geholfen?",
            "Welche Strukturen oder Gewohnheiten im Team unterstützen Mitarbeitende in schwierigen Zeiten?",
            "Wenn Sie drei Wünsche für das Case Management frei hätten: welche wären es?",
        ]
    ):
        _ensure(InterviewQuestion, {"project": project, "text": text}, {"position": position})
    _ensure(
        Interview,
        {"project": project, "interviewee": "Teamleitung Logistik Basel"},
        {
            "conducted_on": date(2026, 10, 14),
            "interviewer": users.get("carla"),
            "notes": "Frühe, persönliche Kontaktaufnahme wirkt. Die Rückkehrgespräche klappen, wenn HR "
            "und Vorgesetzte sich vorher abstimmen.",
        },
    )
    for kind, title, text in [
        ("vision", "Niemand geht verloren", "Wer länger ausfällt, hat innert zwei Wochen eine feste Ansprechperson."),
        ("principle", "Freiwilligkeit und Vertraulichkeit", "Die Zielperson entscheidet, wer was erfährt."),
        (
            "future_picture",
            "Rückkehr als Teamaufgabe",
            "Das Team plant die Rückkehr mit und fühlt sich mitverantwortlich.",
        ),
    ]:
        _ensure(Statement, {"project": project, "title": title}, {"kind": kind, "text": text})
    for title, owner, due, status in [
        ("Spielbuch mit Geschäftsleitung und Personalkommission abstimmen", "admin", date(2026, 12, 15), "in_progress"),
        ("Schulung Case Management für Teamleitungen", "carla", date(2027, 2, 28), "open"),
        ("BEM-Einladung rechtlich prüfen lassen", "admin", date(2026, 11, 13), "done"),
    ]:
        _ensure(
            ActionItem,
            {"project": project, "title": title},
            {"owner": users.get(owner), "due_on": due, "status": status},
        )
    return project


def _playbook(org: Organisation) -> dict[str, DocumentTemplate]:
    for phase, position, activity, assignments in [
        (
            "intake",
            1,
            "Aufnahme klären und Entscheid begründen",
            {"case_manager": "R", "team_lead": "A", "client": "C", "employer_contact": "I"},
        ),
        (
            "intake",
            2,
            "Einverständnis zur Datenbearbeitung einholen",
            {"case_manager": "A", "client": "R", "data_protection": "C"},
        ),
        (
            "planning",
            1,
            "Massnahmenplan vereinbaren",
            {"case_manager": "A", "client": "R", "employer_contact": "C", "physician": "C"},
        ),
        (
            "evaluation",
            1,
            "Abschluss und Evaluation",
            {"case_manager": "R", "team_lead": "A", "client": "C", "employer_contact": "I"},
        ),
    ]:
        _ensure(
            RaciRow,
            {"organisation": org, "activity": activity},
            {"phase": phase, "position": position, "assignments": assignments},
        )
    templates = {
        "bem": _ensure(
            DocumentTemplate,
            {"organisation": org, "title": "Einladung zum Betrieblichen Eingliederungsmanagement"},
            {
                "kind": "bem_invitation",
                "language": "de",
                "subject": "Einladung zum BEM",
                "body": BEM_BODY,
                "aims": BEM_AIMS,
                "data_collected": BEM_DATA,
            },
        ),
        "info": _ensure(
            DocumentTemplate,
            {"organisation": org, "title": "Informationsblatt für Klientinnen und Klienten"},
            {"kind": "client_information", "language": "de", "body": INFO_SHEET},
        ),
        "admitted": _ensure(
            DocumentTemplate,
            {"organisation": org, "title": "Mitteilung: Fall aufgenommen"},
            {
                "kind": "message",
                "language": "de",
                "subject": "Fall {{case_reference}} aufgenommen",
                "body": "Der Fall {{case_reference}} ({{client_name}}) wurde am {{event_date}} aufgenommen. "
                "Fallführung: {{case_manager_name}}.",
            },
        ),
        "overdue": _ensure(
            DocumentTemplate,
            {"organisation": org, "title": "Mitteilung: Massnahme überfällig"},
            {
                "kind": "message",
                "language": "de",
                "subject": "Massnahme überfällig: {{measure_title}}",
                "body": "Die Massnahme «{{measure_title}}» im Fall {{case_reference}} war am {{due_date}} fällig.",
            },
        ),
    }
    for event, recipient, channel, template, note in [
        ("case_admitted", "team_lead", "in_app", "admitted", "Teamleitung weiss Bescheid über neue Fälle."),
        ("case_admitted", "client", "email", "info", "Informationsblatt an die Zielperson."),
        ("measure_overdue", "case_manager", "in_app", "overdue", ""),
        ("plan_agreed", "employer_contact", "email", "admitted", "Nur mit Einverständnis «share_with_employer»."),
    ]:
        _ensure(
            CommunicationRule,
            {"organisation": org, "event": event, "recipient": recipient, "channel": channel},
            {"template": templates[template], "note": note},
        )
    _ensure(
        KnowledgePage,
        {"organisation": org, "title": "Was Case Management bei der Demo AG bedeutet"},
        {"body": KNOWLEDGE_PAGE},
    )
    return templates


def _next_friday_noon(weeks_ahead: int) -> datetime:
    today = timezone.localdate()
    days = (4 - today.weekday()) % 7 or 7
    day = today + timedelta(days=days + 7 * weeks_ahead)
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _office_hours(org: Organisation, users: dict[str, User]) -> None:
    for number, (weeks, location, url) in enumerate(
        [(1, "", "https://meet.example.org/demo-ag-sprechstunde"), (3, "Basel, Sitzungszimmer Rhein", "")], start=1
    ):
        session = _ensure(
            OfficeHourSession,
            {"organisation": org, "title": f"Offene Sprechstunde Einführung CM ({number})"},
            {
                "description": "Fragen rund um die Umsetzung von Case Management: bringen Sie Ihre Fragen mit, "
                "oder schicken Sie sie vorab.",
                "starts_at": _next_friday_noon(weeks),
                "duration_minutes": 60,
                "location": location,
                "online_url": url,
                "capacity": 12,
                "host": users.get("carla"),
            },
        )
        if session.starts_at <= timezone.now():  # a later demo load: move it into the future again
            OfficeHourSession.objects.filter(pk=session.pk).update(starts_at=_next_friday_noon(weeks))


def load() -> list[str]:
    org = Organisation.objects.filter(name=ORGANISATION).first()
    if org is None:
        return ["introduce: no Demo AG, nothing loaded"]
    units = {unit.name: unit for unit in Unit.objects.filter(organisation=org)}
    users = {user.username: user for user in User.objects.filter(organisation=org)}
    project = _project(org, units, users)
    _playbook(org)
    _office_hours(org, users)
    rules = CommunicationRule.objects.filter(organisation=org).count()
    sessions = OfficeHourSession.objects.filter(organisation=org, starts_at__gt=timezone.now()).count()
    return [
        f"introduce: {ORGANISATION} – project “{project.title}”, playbook with {rules} communication rules, "
        f"{sessions} upcoming office hours"
    ]
