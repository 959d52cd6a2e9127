"""Password reset by e-mail (issue #21 item 4): Django's one-time, expiring reset tokens.

The token is Django's `default_token_generator`: it holds the password hash and the last sign-in,
so it works once, and expires after `PASSWORD_RESET_TIMEOUT`. The self-service page answers the
same whether or not the address exists; organisation admins send the same e-mail from the staff
page. Setting the new password revokes every API token of the person.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from reintegra.accounts.models import User
from reintegra.core.links import absolute_url


def password_reset_url(user: User, request: Any = None) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path, request)


def password_reset_mail_send(*, user: User, request: Any = None) -> None:
    """E-mail the person a one-time link to choose a new password (German and English)."""
    if not user.email:
        return
    url = password_reset_url(user, request)
    hours = max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 3600)
    sections = []
    for language in ("de", "en"):
        with translation.override(language):
            sections.append(
                render_to_string(
                    "accounts/email/password_reset.txt",
                    {"name": user.first_name or user.username, "username": user.username, "url": url, "hours": hours},
                ).strip()
            )
    EmailMessage(
        subject="Reintegra: Passwort zurücksetzen / Password reset",
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
