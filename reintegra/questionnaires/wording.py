"""The shipped satisfaction questionnaire's wording in English, French and Italian.

Definitions are data in one language (German for the shipped ones). The public survey page
and the staff pages speak the reader's language; for the shipped satisfaction instrument the
other wordings live here, keyed by item key and option value. Other instruments (the WAI, an
organisation's own) show their stored wording.
"""

import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

SHIPPED_SATISFACTION: dict[str, dict[str, Any]] = {
    "en": {
        "name": "Satisfaction with the support (Reintegra short questionnaire)",
        "items": {
            "sat_informed": "1. I was told in a way I could understand how the support works and what happens "
            "with my information.",
            "sat_heard": "2. My concerns and my point of view were taken seriously.",
            "sat_decided": "3. I could take part in deciding my goals and the measures.",
            "sat_reachable": "4. My contact person was available when I needed them.",
            "sat_fitting": "5. The agreed measures suited my situation.",
            "sat_kept": "6. What was agreed was also done.",
            "sat_trust": "7. I could trust that my information was handled with care.",
            "sat_respect": "8. I was treated with respect, as an equal.",
        },
        "options": {
            Decimal(1): "not true at all",
            Decimal(2): "rather not true",
            Decimal(3): "rather true",
            Decimal(4): "completely true",
        },
    },
    "fr": {
        "name": "Satisfaction concernant l'accompagnement (questionnaire court Reintegra)",
        "items": {
            "sat_informed": "1. On m'a expliqué de manière compréhensible comment se déroule l'accompagnement "
            "et ce qu'il advient de mes informations.",
            "sat_heard": "2. Mes préoccupations et mon point de vue ont été pris au sérieux.",
            "sat_decided": "3. J'ai pu participer aux décisions concernant mes objectifs et les mesures.",
            "sat_reachable": "4. Ma personne de contact était joignable quand j'en avais besoin.",
            "sat_fitting": "5. Les mesures convenues correspondaient à ma situation.",
            "sat_kept": "6. Ce qui avait été convenu a aussi été fait.",
            "sat_trust": "7. J'ai pu compter sur le fait que mes informations étaient traitées avec soin.",
            "sat_respect": "8. Les échanges ont eu lieu avec respect, d'égal à égal.",
        },
        "options": {
            Decimal(1): "ne correspond pas du tout",
            Decimal(2): "correspond plutôt pas",
            Decimal(3): "correspond plutôt",
            Decimal(4): "correspond tout à fait",
        },
    },
    "it": {
        "name": "Soddisfazione per l'accompagnamento (questionario breve Reintegra)",
        "items": {
            "sat_informed": "1. Mi è stato spiegato in modo comprensibile come si svolge l'accompagnamento e "
            "che cosa succede con i miei dati.",
            "sat_heard": "2. Le mie richieste e il mio punto di vista sono stati presi sul serio.",
            "sat_decided": "3. Ho potuto partecipare alle decisioni sui miei obiettivi e sulle misure.",
            "sat_reachable": "4. La mia persona di riferimento era raggiungibile quando ne avevo bisogno.",
            "sat_fitting": "5. Le misure concordate erano adatte alla mia situazione.",
            "sat_kept": "6. Ciò che era stato concordato è stato anche fatto.",
            "sat_trust": "7. Ho potuto contare sul fatto che i miei dati venissero trattati con cura.",
            "sat_respect": "8. Il rapporto è stato rispettoso e alla pari.",
        },
        "options": {
            Decimal(1): "non corrisponde affatto",
            Decimal(2): "corrisponde poco",
            Decimal(3): "corrisponde abbastanza",
            Decimal(4): "corrisponde pienamente",
        },
    },
}

# Kept for callers that ask for the English wording by name.
SHIPPED_SATISFACTION_EN = SHIPPED_SATISFACTION["en"]


def shipped_wording(questionnaire: Any) -> dict[str, Any] | None:
    """The wording to show in the active language, or None (then the stored wording is shown)."""
    language = (get_language() or "de")[:2]
    if questionnaire.language == language or language not in SHIPPED_SATISFACTION:
        return None
    if questionnaire.organisation_id is None and questionnaire.key == "satisfaction":
        return SHIPPED_SATISFACTION[language]
    return None


def questionnaire_name(questionnaire: Any) -> str:
    """The questionnaire's name in the reader's language where the product ships one."""
    wording = shipped_wording(questionnaire)
    return wording["name"] if wording else questionnaire.name


@lru_cache(maxsize=1)
def _shipped_satisfaction_items() -> dict[str, str]:
    """The shipped satisfaction items' own (German) wording, as the migration stored it."""
    path = Path(__file__).resolve().parent / "shipped" / "satisfaction.json"
    with path.open(encoding="utf-8") as handle:
        return {item["key"]: item["text"] for item in json.load(handle)["items"]}


def satisfaction_item_texts(keys: list[str]) -> dict[str, str]:
    """The shipped satisfaction items' wording in the reader's language, by key (no query; keys the
    product does not ship stay as they are)."""
    language = (get_language() or "de")[:2]
    texts = SHIPPED_SATISFACTION[language]["items"] if language in SHIPPED_SATISFACTION else {}
    shipped = _shipped_satisfaction_items()
    return {key: texts.get(key) or shipped.get(key) or key for key in keys}
