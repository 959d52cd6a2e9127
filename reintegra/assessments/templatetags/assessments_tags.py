"""Small display helpers for the assessment pages."""

from typing import Any

from django import template

from reintegra.assessments.forms import RATING_CHOICES

register = template.Library()
_LABELS = {value: label for value, label in RATING_CHOICES if value != ""}


@register.filter
def rating_label(value: Any) -> str:
    """'3 – marked' for 3; an en dash when not rated."""
    if value is None or value == "":
        return "–"
    return str(_LABELS.get(value, value))
