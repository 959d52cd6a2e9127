"""The case types shipped with every organisation: BEM (DE), IV early detection (CH), general."""

from typing import Any

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
