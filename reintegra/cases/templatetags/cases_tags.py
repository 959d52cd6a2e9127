from django import template

from reintegra.cases.checklist import item_label
from reintegra.cases.events import event_text
from reintegra.cases.parts import checklist_link

register = template.Library()


@register.filter
def checklist_label(key: str) -> str:
    """The readable name of a checklist item key."""
    return item_label(key)


@register.filter
def timeline_text(event: object) -> str:
    """A timeline entry in the reader's language."""
    return event_text(event)


@register.simple_tag
def checklist_url(case: object, key: str) -> str | None:
    """The page where a checklist item is recorded, if that page exists."""
    return checklist_link(case, key)
