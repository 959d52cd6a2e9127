"""The questionnaire engine: check answers against a definition, score them, find the band.

Pure functions over a questionnaire's items, options and bands (prefetch them to avoid
queries); nothing here writes. `questionnaire_score` is what services and tests call.
"""

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, DecimalException, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from reintegra.core.exceptions import InvalidInput
from reintegra.questionnaires.models import Band, Item, ItemKind, Questionnaire
from reintegra.questionnaires.scoring import ScoringError, expression_evaluate

SCORE_PLACES = Decimal("0.01")
SCORE_LIMIT = Decimal(10) ** 8  # what Response.score (10 digits, 2 places) can hold
NUMBER_LIMIT = Decimal(10) ** 8
TEXT_LIMIT = 5000

Answer = int | float | str


def plain_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: 7 rather than 7.00, 1.5 rather than "1.50"."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def decimal_text(value: Decimal) -> str:
    """A Decimal as the short text forms and templates show: "7", "1.5"."""
    return format(value.normalize(), "f") if value != 0 else "0"


def as_decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise ValueError(_("Enter a number."))
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError(_("Enter a number."))
    try:
        value = Decimal(str(raw).strip().replace(",", ".")) if isinstance(raw, str) else Decimal(str(raw))
    except InvalidOperation as exc:
        raise ValueError(_("Enter a number.")) from exc
    if not value.is_finite() or abs(value) >= NUMBER_LIMIT:
        raise ValueError(_("Enter a number."))
    return value


def _clean_value(item: Item, raw: Any) -> Answer:
    if item.kind == ItemKind.TEXT:
        if not isinstance(raw, str):
            raise ValueError(_("Enter text."))
        if len(raw) > TEXT_LIMIT:
            raise ValueError(_("Enter at most %(limit)s characters.") % {"limit": TEXT_LIMIT})
        return raw.strip()
    value = as_decimal(raw)
    if item.kind == ItemKind.SINGLE_CHOICE:
        allowed = [option.value for option in item.options.all()]
        if value not in allowed:
            choices = ", ".join(decimal_text(v) for v in allowed)
            raise ValueError(_("Choose one of the answers (%(choices)s).") % {"choices": choices})
        return plain_number(value)
    if item.min_value is not None and value < item.min_value:
        raise ValueError(_("Enter a number of at least %(min)s.") % {"min": decimal_text(item.min_value)})
    if item.max_value is not None and value > item.max_value:
        raise ValueError(_("Enter a number of at most %(max)s.") % {"max": decimal_text(item.max_value)})
    return plain_number(value)


def answers_clean(questionnaire: Questionnaire, answers: Any) -> dict[str, Answer]:
    """Check every answer; raise InvalidInput({"answers": {key: [message]}}) naming each bad one."""
    if not isinstance(answers, Mapping):
        raise InvalidInput({"answers": [_("Send the answers as an object that maps item keys to values.")]})
    items = {item.key: item for item in questionnaire.items.all()}
    errors: dict[str, list[str]] = {}
    for key in answers:
        if key not in items:
            errors[str(key)[:60]] = [_("This questionnaire has no question with this key.")]
    cleaned: dict[str, Answer] = {}
    for key, item in items.items():
        raw = answers.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if item.required:
                errors[key] = [_("Answer this question.")]
            continue
        try:
            cleaned[key] = _clean_value(item, raw)
        except ValueError as exc:
            errors[key] = [str(exc)]
    if errors:
        raise InvalidInput({"answers": errors})
    return cleaned


def band_for(bands: Iterable[Band], score: Decimal) -> Band | None:
    """The band whose range holds the score: min inclusive, max exclusive (or open)."""
    for band in sorted(bands, key=lambda b: b.min_score):
        if band.min_score <= score and (band.max_score is None or score < band.max_score):
            return band
    return None


def score_of(questionnaire: Questionnaire, cleaned: Mapping[str, Answer]) -> Decimal:
    """Evaluate the scoring expression over already checked answers; rounded to 2 places."""
    values = {key: Decimal(str(value)) for key, value in cleaned.items() if not isinstance(value, str)}
    try:
        raw = expression_evaluate(questionnaire.scoring, values)
        score = raw.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)
    except (ScoringError, DecimalException) as exc:
        raise InvalidInput({"answers": [_("The score cannot be computed from these answers: %s") % exc]}) from exc
    if abs(score) >= SCORE_LIMIT:
        raise InvalidInput({"answers": [_("The score computed from these answers is too large to store.")]})
    return score


def questionnaire_score(questionnaire: Questionnaire, answers: Any) -> tuple[Decimal, Band | None]:
    """Check the answers, compute the score and find its band (None when no band covers it)."""
    cleaned = answers_clean(questionnaire, answers)
    score = score_of(questionnaire, cleaned)
    return score, band_for(questionnaire.bands.all(), score)
