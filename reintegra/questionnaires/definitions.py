"""Checking a questionnaire definition before it is stored (items, options, scoring, bands).

A definition is plain data, the same shape the API takes and the shipped JSON files use:
{key, name, scoring, items: [{key, text, kind, required, hint, min_value, max_value,
options: [{label, value}]}], bands: [{key, label, min, max, action}], …}. The checks here
do not trust types, so the HTML form (which takes JSON) and the API share them.
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypedDict

from django.utils.translation import gettext as _

from reintegra.cases.models import PhaseKey
from reintegra.questionnaires.engine import as_decimal
from reintegra.questionnaires.models import ITEM_KEY_PATTERN, ItemKind
from reintegra.questionnaires.scoring import FUNCTIONS, ScoringError, expression_check, tree_names

BAND_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
MAX_ITEMS = 100
MAX_OPTIONS = 30
MAX_BANDS = 20


def _number(value: Any, errors: list[str], where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return as_decimal(value)
    except ValueError:
        errors.append(_("%(where)s: enter a number.") % {"where": where})
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _check_options(item: dict[str, Any], where: str, errors: list[str]) -> list[dict[str, Any]]:
    options = item.get("options") or []
    if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
        errors.append(_("%(where)s: options must be a list of {label, value}.") % {"where": where})
        return []
    if len(options) < 2 or len(options) > MAX_OPTIONS:
        errors.append(
            _("%(where)s: a single-choice item needs 2 to %(max)s options.") % {"where": where, "max": MAX_OPTIONS}
        )
    cleaned, seen = [], set()
    for position, option in enumerate(options, start=1):
        label = _text(option.get("label"))
        value = _number(option.get("value"), errors, f"{where}, option {position}")
        if not label or len(label) > 300:
            errors.append(
                _("%(where)s, option %(n)s: enter a label (at most 300 characters).") % {"where": where, "n": position}
            )
        if option.get("value") in (None, ""):
            errors.append(_("%(where)s, option %(n)s: enter a value.") % {"where": where, "n": position})
        elif value is not None and value in seen:
            errors.append(_("%(where)s: two options have the value %(value)s.") % {"where": where, "value": value})
        if value is not None:
            seen.add(value)
            if value != value.quantize(Decimal("0.01")):
                errors.append(
                    _("%(where)s, option %(n)s: use at most two decimal places.") % {"where": where, "n": position}
                )
        cleaned.append({"order": position, "label": label, "value": value})
    return cleaned


def _check_items(items: Any, errors: list[str]) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        errors.append(_("Add at least one question (a list of items)."))
        return []
    if len(items) > MAX_ITEMS:
        errors.append(_("A questionnaire has at most %(max)s questions.") % {"max": MAX_ITEMS})
    cleaned, keys = [], set()
    for position, item in enumerate(items, start=1):
        key = _text(item.get("key"))
        where = _("Question %(n)s (%(key)s)") % {"n": position, "key": key or "?"}
        if not re.match(ITEM_KEY_PATTERN, key) or key in FUNCTIONS:
            errors.append(
                _("%(where)s: the key must start with a letter and use only a-z, 0-9 and _ (not min, max, round).")
                % {"where": where}
            )
        elif key in keys:
            errors.append(_("%(where)s: the key is used twice.") % {"where": where})
        keys.add(key)
        kind = item.get("kind")
        if kind not in ItemKind.values:
            errors.append(
                _("%(where)s: the kind must be one of %(kinds)s.")
                % {"where": where, "kinds": ", ".join(ItemKind.values)}
            )
        text = _text(item.get("text"))
        if not text:
            errors.append(_("%(where)s: enter the question.") % {"where": where})
        required = item.get("required", True)
        if not isinstance(required, bool):
            errors.append(_("%(where)s: required must be true or false.") % {"where": where})
        min_value = _number(item.get("min_value"), errors, where)
        max_value = _number(item.get("max_value"), errors, where)
        options: list[dict[str, Any]] = []
        if kind == ItemKind.SINGLE_CHOICE:
            options = _check_options(item, where, errors)
        elif item.get("options"):
            errors.append(_("%(where)s: only single-choice items have options.") % {"where": where})
        if min_value is not None and max_value is not None and min_value > max_value:
            errors.append(_("%(where)s: the lowest number is above the highest.") % {"where": where})
        cleaned.append(
            {
                "order": position,
                "key": key,
                "text": text,
                "hint": _text(item.get("hint"))[:500],
                "kind": kind,
                "required": required is not False,
                "min_value": min_value if kind == ItemKind.NUMBER else None,
                "max_value": max_value if kind == ItemKind.NUMBER else None,
                "options": options,
            }
        )
    return cleaned


def _check_bands(bands: Any, errors: list[str]) -> list[dict[str, Any]]:
    if bands in (None, []):
        return []
    if not isinstance(bands, list) or not all(isinstance(b, dict) for b in bands) or len(bands) > MAX_BANDS:
        errors.append(_("Bands must be a list of at most %(max)s {key, label, min, max, action}.") % {"max": MAX_BANDS})
        return []
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    for position, band in enumerate(bands, start=1):
        key = _text(band.get("key"))
        where = _("Band %(n)s (%(key)s)") % {"n": position, "key": key or "?"}
        if not re.match(BAND_KEY_PATTERN, key) or key in keys:
            errors.append(_("%(where)s: enter a unique key (a-z, 0-9, - and _).") % {"where": where})
        keys.add(key)
        label = _text(band.get("label"))
        if not label:
            errors.append(_("%(where)s: enter a label.") % {"where": where})
        low = _number(band.get("min"), errors, where)
        high = _number(band.get("max"), errors, where)
        if low is None:
            errors.append(_("%(where)s: enter the lowest score (inclusive).") % {"where": where})
        elif high is not None and high <= low:
            errors.append(_("%(where)s: the upper limit must be above the lower one.") % {"where": where})
        cleaned.append({"key": key, "label": label[:200], "min": low, "max": high, "action": _text(band.get("action"))})
    ranges = sorted((b for b in cleaned if b["min"] is not None), key=lambda b: b["min"])
    for lower, upper in zip(ranges, ranges[1:], strict=False):
        if lower["max"] is None or lower["max"] > upper["min"]:
            errors.append(_("The bands %(a)s and %(b)s overlap.") % {"a": lower["key"], "b": upper["key"]})
    return cleaned


def _check_scoring(scoring: Any, items: list[dict[str, Any]]) -> list[str]:
    all_keys = {item["key"] for item in items}
    scorable = {item["key"] for item in items if item["kind"] != ItemKind.TEXT and item["required"]}
    try:
        tree = expression_check(scoring, names=all_keys)
    except ScoringError as exc:
        return [str(exc)]
    unusable = sorted(tree_names(tree) - scorable)
    if unusable:
        return [
            _("Only required single-choice or number questions can be used in the scoring: %(keys)s.")
            % {"keys": ", ".join(unusable)}
        ]
    return []


class QuestionnaireDefinition(TypedDict, total=False):
    """An instrument as data, as an organisation sends it (checked once, by `definition_check`).

    `items` and `bands` are lists of objects as the API documents them; `scoring` is an
    expression over the item keys, checked by the ast-based evaluator.
    """

    key: str
    name: str
    description: str
    licence_note: str
    instrument_version: str
    language: str
    phase: str
    items: list[dict[str, Any]]
    bands: list[dict[str, Any]]
    scoring: str


def definition_check(definition: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Return the cleaned definition and the errors per field (empty when it may be stored)."""
    errors: dict[str, list[str]] = {}
    key = _text(definition.get("key"))
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,39}$", key):
        errors["key"] = [_("Enter a key of lower-case letters, digits, - and _ (at most 40).")]
    name = _text(definition.get("name"))
    if not name or len(name) > 200:
        errors["name"] = [_("Enter a name (at most 200 characters).")]
    phase = _text(definition.get("phase"))
    if phase and phase not in PhaseKey.values:
        errors["phase"] = [_("Choose one of %(phases)s, or leave it empty.") % {"phases": ", ".join(PhaseKey.values)}]
    item_errors: list[str] = []
    items = _check_items(definition.get("items"), item_errors)
    if item_errors:
        errors["items"] = item_errors
    band_errors: list[str] = []
    bands = _check_bands(definition.get("bands"), band_errors)
    if band_errors:
        errors["bands"] = band_errors
    scoring_errors = _check_scoring(definition.get("scoring"), items)
    if scoring_errors:
        errors["scoring"] = scoring_errors
    cleaned = {
        "key": key,
        "name": name,
        "description": _text(definition.get("description")),
        "licence_note": _text(definition.get("licence_note")),
        "instrument_version": _text(definition.get("instrument_version"))[:80],
        "language": _text(definition.get("language"))[:8] or "de",
        "phase": phase,
        "scoring": _text(definition.get("scoring")),
        "items": items,
        "bands": bands,
    }
    return cleaned, errors
