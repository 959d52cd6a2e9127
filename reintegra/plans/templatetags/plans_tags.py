from django import template

from reintegra.plans.labels import field_label

register = template.Library()


@register.filter
def field_labels(names: list[str]) -> str:
    """Changed field names as people read them, comma-separated ("levels" → "GAS levels")."""
    return ", ".join(field_label(name) for name in names or [])
