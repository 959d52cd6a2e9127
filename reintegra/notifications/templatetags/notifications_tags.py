"""Template tags for the layout: the unread count and the header's inbox badge.

{% load notifications_tags %}
{% unread_count as unread %}          → a number (0 for anonymous visitors)
{% inbox_badge %}                     → the inbox link with the count, refreshed by htmx
"""

from typing import Any

from django import template

from reintegra.notifications.selectors import unread_count as unread_count_of

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context: template.Context, user: Any = None) -> int:
    """Unread in-app notifications of `user` (default: the signed-in person)."""
    if user is None:
        request = context.get("request")
        user = context.get("user") or getattr(request, "user", None)
    return unread_count_of(user)


@register.inclusion_tag("notifications/partials/unread_badge.html", takes_context=True)
def inbox_badge(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    return {"count": unread_count_of(user), "user": user}
