"""Showing scores the way people read them: 33,5 rather than 33.50 (German), 36 rather than 36.00."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from reintegra.questionnaires.engine import decimal_text

register = template.Library()


@register.filter
def score(value: Any) -> str:
    if value is None or value == "":
        return "–"
    return number_format(Decimal(decimal_text(Decimal(str(value)))))
