"""The e-mail for a notification: German first, then English.

The subject line is generic (the kind's label only): no client name, no case
reference, no health detail, since subject lines show up in previews, lock screens
and mail server logs. The text says what happened and links into Reintegra.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reintegra.core.links import absolute_url
from reintegra.notifications.kinds import kind_label, render
from reintegra.notifications.models import Notification

LANGUAGES = ("de", "en")


def email_subject(kind: str) -> str:
    labels: list[str] = []
    for language in LANGUAGES:
        with translation.override(language):
            label = kind_label(kind)
        if label not in labels:
            labels.append(label)
    return "Reintegra: " + " / ".join(labels)


def notification_email(notification: Notification) -> EmailMessage:
    recipient = notification.recipient
    sections = []
    for language in LANGUAGES:
        with translation.override(language):
            subject, body = render(notification.kind, notification.params, notification.subject, notification.body)
            sections.append(
                render_to_string(
                    "notifications/email/notification.txt",
                    {
                        "name": recipient.display_name,  # type: ignore[attr-defined]
                        "subject": subject,
                        "body": body,
                        "url": absolute_url(notification.link),
                        "inbox_url": absolute_url(reverse("notifications:inbox")),
                    },
                ).strip()
            )
    return EmailMessage(
        subject=email_subject(notification.kind),
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"},
    )
