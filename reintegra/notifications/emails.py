"""The e-mail for a notification: German first, then English; a client or participant reads theirs in
their own language (their `language` on the case, else their account's), alone.

Each part is in its own language: kinds with texts are rendered in it; a text stored as
written (a playbook message, in the organisation's language) appears once, in the German
part, and the English part says so in English. Links lead only where the recipient may go:
portal users (clients, employer contacts) get portal links, never staff pages.

The subject line is generic (the kind's label only): no client name, no case
reference, no health detail, since subject lines show up in previews, lock screens
and mail server logs. The text says what happened and links into Reintegra.
"""

from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reintegra.accounts.selectors import user_is_portal_only
from reintegra.core.languages import email_languages
from reintegra.core.links import absolute_url
from reintegra.notifications.kinds import kind_has_texts, kind_label, render
from reintegra.notifications.models import Notification

LANGUAGES = ("de", "en")
PORTAL_PREFIX = "/portal/"


def recipient_languages(user: Any) -> tuple[str, ...]:
    """The e-mail's parts: a client's or participant's own language (set on their case), else their
    account's choice; staff and anyone without one read German, then English."""
    if not user_is_portal_only(user):
        return LANGUAGES
    try:
        own = user.client_profile.language
    except ObjectDoesNotExist:
        own = ""
    if not own:
        own = user.participations.exclude(language="").values_list("language", flat=True).first() or ""
    return email_languages(own or user.language)


def email_subject(kind: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    labels: list[str] = []
    for language in languages:
        with translation.override(language):
            label = kind_label(kind)
        if label not in labels:
            labels.append(label)
    return "Reintegra: " + " / ".join(labels)


def email_links(notification: Notification) -> tuple[str, str]:
    """(link, inbox) paths the recipient may open: a portal user gets their portal instead of staff pages."""
    link = notification.link
    if user_is_portal_only(notification.recipient):
        home = reverse("portal:home")
        return (link if link.startswith(PORTAL_PREFIX) else home if link else ""), home
    return link, reverse("notifications:inbox")


def _texts(notification: Notification, language: str) -> tuple[str, str]:
    """Subject and body in `language`; a stored text without a translation only in its own part."""
    subject, body = render(notification.kind, notification.params, notification.subject, notification.body)
    if kind_has_texts(notification.kind, notification.params) or language == settings.LANGUAGE_CODE:
        return subject, body
    note = translation.gettext("The message above was written in German; it has no translation.")
    return kind_label(notification.kind), note


def notification_message_id(notification: Notification) -> str:
    """One Message-ID per notification, the same for every copy sent of it."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "reintegra.invalid"
    return f"<notification.{notification.pk}@{domain}>"


def notification_email(notification: Notification) -> EmailMessage:
    recipient = notification.recipient
    link, inbox = email_links(notification)
    languages = recipient_languages(recipient)
    if languages[0] != settings.LANGUAGE_CODE and not kind_has_texts(notification.kind, notification.params):
        languages = (settings.LANGUAGE_CODE, *languages)  # a text stored as written: German first, then a note
    sections = []
    for language in languages:
        with translation.override(language):
            subject, body = _texts(notification, language)
            sections.append(
                render_to_string(
                    "notifications/email/notification.txt",
                    {
                        "name": recipient.display_name,  # type: ignore[attr-defined]
                        "subject": subject,
                        "body": body,
                        "url": absolute_url(link) if link else "",
                        "inbox_url": absolute_url(inbox),
                    },
                ).strip()
            )
    return EmailMessage(
        subject=email_subject(notification.kind, languages),
        body="\n\n----------------------------------------\n\n".join(sections) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
            # The idempotency key of the e-mail: a copy sent again after a worker crash (see
            # `tasks.notification_email_send`) carries the same Message-ID as the first.
            "Message-ID": notification_message_id(notification),
        },
    )
