from django import template

from reintegra.cases.checklist import item_label

register = template.Library()


@register.filter
def checklist_label(key: str) -> str:
    """The readable name of a checklist item key."""
    return item_label(key)
