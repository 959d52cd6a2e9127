"""Kinds of notification: a readable label and, optionally, texts rendered in the reader's language.

A kind with `subject`/`body` texts (English msgids with `%(name)s` placeholders,
translated in the locale files) is shown in the reader's language from the
notification's `params`; the stored subject and body (rendered in the product's
default language when the notification was made) are the fallback.

This module is the registry. The notifications app declares its own standard kinds at
the end of it; every other app declares its kinds in one module of its own, called from
its `AppConfig.ready()` (e.g. `consents.reminders.register_kinds`), so this app never
imports the apps whose notifications it delivers:

    from reintegra.notifications.kinds import register_kind
    register_kind("referral_answered", label=_("Referral answered"))

`open_case_only`: a reminder of this kind is moot once its case is closed (it is then
cancelled instead of delivered).

Params are stored in plain text: dates (ISO, `2026-11-03`: shown in the reader's format when
rendered), references, keys; never health detail.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.core.formatting import format_iso_dates

Text = str | Promise


@dataclass(frozen=True)
class Kind:
    key: str
    label: Text
    subject: Text | None = None
    body: Text | None = None
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # e.g. turn a key into its label
    open_case_only: bool = False


REGISTRY: dict[str, Kind] = {}
GENERIC_LABEL = _("New notification")


def register_kind(
    key: str,
    *,
    label: Text,
    subject: Text | None = None,
    body: Text | None = None,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    open_case_only: bool = False,
) -> None:
    """Declare a kind (again: replaces it, so a repeated `ready()` is harmless)."""
    REGISTRY[key] = Kind(
        key=key, label=label, subject=subject, body=body, prepare=prepare, open_case_only=open_case_only
    )


def kind_label(key: str) -> str:
    kind = REGISTRY.get(key)
    return str(kind.label if kind else GENERIC_LABEL)


def kind_open_case_only(key: str) -> bool:
    kind = REGISTRY.get(key)
    return kind is not None and kind.open_case_only


def kind_has_texts(key: str, params: dict[str, Any] | None = None) -> bool:
    """The kind's texts can be rendered in any language (else only the stored text exists)."""
    kind = REGISTRY.get(key)
    return kind is not None and kind.subject is not None and bool(params)


def render(kind_key: str, params: dict[str, Any] | None, subject: str, body: str) -> tuple[str, str]:
    """Subject and body in the active language; the stored texts where the kind has none."""
    kind = REGISTRY.get(kind_key)
    if kind is None or kind.subject is None or not params:
        return subject, body
    try:
        values = kind.prepare(dict(params)) if kind.prepare else params
        values = format_iso_dates(values)  # dates are stored as ISO strings, shown in the reader's format
        rendered_subject = str(kind.subject) % values
        rendered_body = str(kind.body) % values if kind.body is not None else body
    except (KeyError, TypeError, ValueError):  # params of an older shape: keep what was stored
        return subject, body
    return rendered_subject, rendered_body


def render_default(kind_key: str, params: dict[str, Any] | None, subject: str, body: str) -> tuple[str, str]:
    """The texts to store: rendered in the product's default language (German)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(kind_key, params, subject, body)


class ReminderKind(models.TextChoices):
    """The standard reminders of this app (`notifications.standard`); other apps register their own kinds."""

    REVIEW_DUE = "review_due", _("Review due")
    FOLLOW_UP_DUE = "follow_up_due", _("Aftercare follow-up due")
    MEASURE_OVERDUE = "measure_overdue", _("Measure overdue")
    MEASURE_DUE = "measure_due", _("Measure due")


register_kind(
    ReminderKind.REVIEW_DUE,
    label=ReminderKind.REVIEW_DUE.label,
    subject=_("Review of %(reference)s due on %(date)s"),
    body=_(
        "The plan of case %(reference)s has its next review on %(date)s. Rate every active goal and record the review."
    ),
    open_case_only=True,
)
register_kind(
    ReminderKind.FOLLOW_UP_DUE,
    label=ReminderKind.FOLLOW_UP_DUE.label,
    subject=_("Aftercare follow-up for %(reference)s on %(date)s"),
    body=_("The aftercare of case %(reference)s has a follow-up on %(date)s. Contact the client as agreed."),
)  # aftercare follows the closure, so this one is delivered for closed cases too
register_kind(ReminderKind.MEASURE_OVERDUE, label=ReminderKind.MEASURE_OVERDUE.label, open_case_only=True)
register_kind(
    ReminderKind.MEASURE_DUE,
    label=ReminderKind.MEASURE_DUE.label,
    subject=_("Measure of %(reference)s due on %(date)s"),
    body=_("A measure in the plan of case %(reference)s is due on %(date)s. Check it and record its status."),
    open_case_only=True,
)
