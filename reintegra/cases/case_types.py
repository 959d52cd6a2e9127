"""The case types shipped with every organisation: BEM (DE), IV early detection (CH), general."""

from typing import Any

from django.utils.translation import pgettext_lazy

from reintegra.cases.checklist import DEFAULT_CHECKLIST

RTW_OUTCOMES = ["rtw_full", "rtw_partial", "no_rtw", "other"]
GOAL_OUTCOMES = ["achieved", "partly_achieved", "not_achieved", "other"]

SHIPPED: list[dict[str, Any]] = [
    {
        "key": "bem",
        "name": "BEM – Betriebliches Eingliederungsmanagement (§ 167 Abs. 2 SGB IX)",
        "reference_prefix": "BEM",
        "trigger_days": 42,
        "outcomes": RTW_OUTCOMES,
        "criteria": [
            "Mehr als sechs Wochen (42 Kalendertage) Arbeitsunfähigkeit innerhalb von zwölf Monaten, "
            "ununterbrochen oder wiederholt",
            "Die Person hat der Teilnahme am BEM zugestimmt (die Teilnahme ist freiwillig)",
        ],
        "information_text": (
            "Das Betriebliche Eingliederungsmanagement (BEM) hat zum Ziel, Ihre Arbeitsunfähigkeit zu "
            "überwinden, erneuter Arbeitsunfähigkeit vorzubeugen und Ihren Arbeitsplatz zu erhalten. "
            "Die Teilnahme ist freiwillig; Sie können jederzeit ohne Nachteile aussteigen. Erhoben werden "
            "nur die Daten, die für das BEM nötig sind: Angaben zu Ihrer Arbeitsfähigkeit, zu Belastungen "
            "am Arbeitsplatz und zu möglichen Massnahmen. Diagnosen erfährt Ihr Arbeitgeber nicht. Die BEM-Akte "
            "wird getrennt von der Personalakte geführt. Wenn Sie nicht teilnehmen oder nicht aufgenommen "
            "werden, entstehen Ihnen daraus keine Nachteile; andere Unterstützungsangebote bleiben offen."
        ),
    },
    {
        "key": "iv-early",
        "name": "IV-Früherfassung (Art. 3a–3c IVG)",
        "reference_prefix": "IV",
        "trigger_days": 30,
        "outcomes": RTW_OUTCOMES,
        "criteria": [
            "30 Tage ununterbrochene Arbeitsunfähigkeit oder wiederholte Kurzabsenzen innerhalb eines Jahres",
            "Die Person wurde vor einer Meldung an die IV-Stelle informiert",
        ],
        "information_text": (
            "Die Früherfassung der Invalidenversicherung soll helfen, Ihre Stelle zu erhalten oder rasch eine "
            "neue Tätigkeit zu finden. Vor einer Meldung an die IV-Stelle werden Sie informiert. Das Case "
            "Management klärt mit Ihnen Ihre Situation, vereinbart Ziele und koordiniert die Beteiligten. "
            "Ohne Aufnahme bleibt die Meldung an die IV-Stelle möglich; Sie erhalten Hinweise auf andere "
            "Beratungsstellen."
        ),
    },
    {
        "key": "general",
        "name": "Allgemeines Case Management",
        "reference_prefix": "CM",
        "trigger_days": None,
        "outcomes": GOAL_OUTCOMES,
        "criteria": [
            "Komplexe Situation mit mehreren Beteiligten",
            "Die Person ist bereit, aktiv mitzuwirken",
        ],
        "information_text": (
            "Case Management unterstützt Sie, wenn mehrere Stellen beteiligt sind. Gemeinsam klären wir Ihre "
            "Situation, legen Ziele fest und planen Massnahmen. Sie entscheiden mit und können jederzeit "
            "aussteigen. Werden Sie nicht aufgenommen, zeigen wir Ihnen andere passende Angebote."
        ),
    },
]


def shipped_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": spec["name"],
        "reference_prefix": spec["reference_prefix"],
        "trigger_days": spec["trigger_days"],
        "outcomes": list(spec["outcomes"]),
        "criteria": list(spec["criteria"]),
        "information_text": spec["information_text"],
        "checklist": {phase: list(items) for phase, items in DEFAULT_CHECKLIST.items()},
    }


# The shipped names are stored in German as data (organisations may rename a type). While a type
# keeps its shipped name, it is shown in the reader's language: the German translation of each
# msgid is exactly the stored name.
SHIPPED_LABELS = {
    "bem": pgettext_lazy("case type", "BEM – Workplace integration management (§ 167 (2) SGB IX)"),
    "iv-early": pgettext_lazy("case type", "IV early detection (Art. 3a–3c IVG)"),
    "general": pgettext_lazy("case type", "General case management"),
}
# For tables and other narrow places.
SHIPPED_SHORT_LABELS = {
    "bem": pgettext_lazy("case type, short", "BEM"),
    "iv-early": pgettext_lazy("case type, short", "IV early detection"),
    "general": pgettext_lazy("case type, short", "General case management"),
}
_SHIPPED_NAMES = {spec["key"]: spec["name"] for spec in SHIPPED}


def case_type_label_for(key: str, name: str | None = None, *, short: bool = False) -> str:
    """A case type's name in the reader's language.

    A shipped type (by key) whose name is still the shipped one (or unknown, `name=None`, e.g. for
    an erased case of which only the key is kept) reads in the reader's language; a renamed or an
    organisation's own type reads as its stored name.
    """
    if key in SHIPPED_LABELS and (name is None or name == _SHIPPED_NAMES[key]):
        return str((SHIPPED_SHORT_LABELS if short else SHIPPED_LABELS)[key])
    return name if name else key


def case_type_label(case_type: Any, *, short: bool = False) -> str:
    """The one helper for templates (`case_type.label`, `case_type.short_label`), forms and API labels."""
    return case_type_label_for(case_type.key, case_type.name, short=short)


# The shipped criteria and information texts are German data too; while a type keeps them unchanged,
# they are shown in the reader's language (each msgid's German translation is the stored text).
SHIPPED_TEXTS: dict[str, dict[str, Any]] = {
    "bem": {
        "criteria": [
            pgettext_lazy(
                "case type criterion",
                "More than six weeks (42 calendar days) of incapacity for work within twelve months, "
                "continuous or repeated",
            ),
            pgettext_lazy(
                "case type criterion", "The person has agreed to take part in the BEM (taking part is voluntary)"
            ),
        ],
        "information_text": pgettext_lazy(
            "case type information",
            "Workplace integration management (BEM) aims to overcome your incapacity for work, to "
            "prevent renewed incapacity and to keep your job. Taking part is voluntary; you can leave"
            " at any time without any disadvantage. Only the data needed for the BEM is collected: "
            "information about your ability to work, strains at the workplace and possible measures. "
            "Your employer does not learn any diagnoses. The BEM file is kept separately from the "
            "personnel file. If you do not take part or are not admitted, this has no disadvantage "
            "for you; other support remains open to you.",
        ),
    },
    "iv-early": {
        "criteria": [
            pgettext_lazy(
                "case type criterion",
                "30 days of continuous incapacity for work or repeated short absences within one year",
            ),
            pgettext_lazy("case type criterion", "The person was informed before a report to the IV office"),
        ],
        "information_text": pgettext_lazy(
            "case type information",
            "Early detection by the disability insurance (IV) is meant to help you keep your job or "
            "quickly find new work. You are informed before a report to the IV office. Case "
            "management clarifies your situation with you, agrees goals and coordinates the people "
            "involved. Without admission, a report to the IV office remains possible; you receive "
            "pointers to other advice centres.",
        ),
    },
    "general": {
        "criteria": [
            pgettext_lazy("case type criterion", "A complex situation with several parties involved"),
            pgettext_lazy("case type criterion", "The person is willing to take an active part"),
        ],
        "information_text": pgettext_lazy(
            "case type information",
            "Case management supports you when several bodies are involved. Together we clarify your "
            "situation, set goals and plan measures. You have a say and can leave at any time. If you"
            " are not admitted, we show you other suitable offers.",
        ),
    },
}


def _shipped_unchanged(case_type: Any, field: str) -> bool:
    spec = next((spec for spec in SHIPPED if spec["key"] == case_type.key), None)
    return spec is not None and spec[field] == getattr(case_type, field)


def case_type_criteria(case_type: Any) -> list[str]:
    """The intake criteria in the reader's language (changed or own criteria: as stored)."""
    if case_type.key in SHIPPED_TEXTS and _shipped_unchanged(case_type, "criteria"):
        return [str(text) for text in SHIPPED_TEXTS[case_type.key]["criteria"]]
    return list(case_type.criteria or [])


def case_type_information_text(case_type: Any) -> str:
    """The information for the client in the reader's language (changed or own text: as stored)."""
    if case_type.key in SHIPPED_TEXTS and _shipped_unchanged(case_type, "information_text"):
        return str(SHIPPED_TEXTS[case_type.key]["information_text"])
    return str(case_type.information_text or "")
