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
