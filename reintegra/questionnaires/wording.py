"""English wording of the shipped satisfaction questionnaire, for the public survey page.

Definitions are data in one language (German for the shipped ones). The survey page
offers German and English; for the shipped satisfaction instrument the English wording
lives here, keyed by item key and option value. Other instruments show their own wording.
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

SHIPPED_SATISFACTION_EN: dict[str, Any] = {
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
}


def english_wording(questionnaire: Any) -> dict[str, Any] | None:
    """The English wording to show, or None (then the stored wording is shown)."""
    if not (get_language() or "").startswith("en") or questionnaire.language == "en":
        return None
    if questionnaire.organisation_id is None and questionnaire.key == "satisfaction":
        return SHIPPED_SATISFACTION_EN
    return None
