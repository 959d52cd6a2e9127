"""Template filters over `core.formatting`: money and dates in the reader's language.

{% load formatting %}
{{ measure.planned_cost|money:currency }}   → CHF 1'350.50
{{ measure.planned_cost|amount:currency }}  → 1'350.50 (the column names the currency)
{{ goal.due_date|local_date }}              → 3.11.2026 / 3 Nov 2026
{{ event.at|local_datetime }}               → 3.11.2026 14:05
"""

from typing import Any

from django import template

from reintegra.core.formatting import format_amount, format_date, format_datetime, format_money

register = template.Library()


@register.filter
def money(value: Any, currency: str = "CHF") -> str:
    return format_money(value, currency)


@register.filter
def amount(value: Any, currency: str = "CHF") -> str:
    return format_amount(value, currency)


@register.filter
def local_date(value: Any) -> str:
    return format_date(value)


@register.filter
def local_datetime(value: Any) -> str:
    return format_datetime(value)
