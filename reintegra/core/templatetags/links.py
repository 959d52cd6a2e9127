"""`{% url_for 'cases:edit' case.pk %}`: `{% url %}` with each name reversed once per process
(reintegra/core/reversing.py). Also `{% url_for 'cases:edit' case.pk as edit_url %}`."""

from typing import Any

from django import template

from reintegra.core.reversing import url_for as _url_for

register = template.Library()


@register.simple_tag
def url_for(name: str, *args: Any, **kwargs: Any) -> str:
    return _url_for(name, *args, **kwargs)
