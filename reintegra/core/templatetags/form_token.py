"""`{% csrf_token %}` with a one-time form token: every form that carries the CSRF token also
carries `form_token`, a fresh random value per rendering. `core.idempotency.IdempotencyMiddleware`
answers a repeat of the same token (a double click, Back and submit again) with the first
submission's result instead of running the view again.

Installed as a template builtin (settings `TEMPLATES[...]["OPTIONS"]["builtins"]`) after
Django's own, so it replaces the default tag in every template without a `{% load %}`.
"""

import uuid

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from reintegra.core.idempotency import FORM_TOKEN_FIELD

register = template.Library()


class CsrfAndFormTokenNode(template.Node):
    def render(self, context: template.Context) -> SafeString:
        csrf = CsrfTokenNode().render(context)
        if not csrf:
            return mark_safe(csrf)  # noqa: S308 - Django's own (empty) output
        # A text input kept out of sight (not type=hidden): browsers restore text inputs when the
        # person goes Back to the form, so a resubmit from there sends the token already used.
        token = format_html(
            '<input type="text" name="{}" value="{}" hidden aria-hidden="true" tabindex="-1">',
            FORM_TOKEN_FIELD,
            uuid.uuid4().hex,
        )
        return mark_safe(csrf + token)  # noqa: S308 - both parts are escaped HTML


@register.tag
def csrf_token(parser: template.base.Parser, token: template.base.Token) -> CsrfAndFormTokenNode:
    return CsrfAndFormTokenNode()
