from django import template

from reintegra.cases.case_types import case_type_label_for
from reintegra.cases.checklist import item_label
from reintegra.cases.events import event_text
from reintegra.cases.parts import checklist_link

register = template.Library()


@register.filter
def checklist_label(key: str) -> str:
    """The readable name of a checklist item key."""
    return item_label(key)


@register.filter
def case_type_label(key: str) -> str:
    """A case type by its key (e.g. of an erased case), in the reader's language when it is a shipped one."""
    return case_type_label_for(key, short=True)


@register.filter
def timeline_text(event: object) -> str:
    """A timeline entry in the reader's language."""
    return event_text(event)


@register.simple_tag
def checklist_url(case: object, key: str) -> str | None:
    """The page where a checklist item is recorded, if that page exists."""
    return checklist_link(case, key)


@register.filter
def correction_value(value: object) -> str:
    """A value of a correction's history (stored as JSON: ISO dates, numbers, booleans) as read."""
    from datetime import date

    from django.utils.formats import date_format
    from django.utils.translation import gettext

    if value is None:
        return "…"
    if value is True or value is False:
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "j.n.Y")
        except ValueError:
            return value
    return str(value)
