"""The playbook (Spielbuch): RACI table, communication rules, document templates, knowledge pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.core.models import BaseModel
from reintegra.introduce.models.choices import (
    Channel,
    CyclePhase,
    Event,
    Language,
    Party,
    Raci,
    TemplateKind,
)
from reintegra.introduce.placeholders import placeholder_errors


class RaciRow(BaseModel):
    """One activity of a phase and who is Responsible, Accountable, Consulted or Informed.

    `assignments` maps a party key (see `Party`) to one letter R, A, C or I.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="raci_rows")
    phase = models.CharField(_("phase"), max_length=16, choices=CyclePhase.choices)
    activity = models.CharField(_("activity"), max_length=300)
    assignments = models.JSONField(_("assignments"), default=dict, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["phase", "position", "created_at"]
        verbose_name = _("RACI row")
        verbose_name_plural = _("RACI rows")

    def __str__(self) -> str:
        return self.activity

    def clean(self) -> None:
        if not isinstance(self.assignments, dict):
            raise ValidationError({"assignments": [_("Give an object that maps a role to R, A, C or I.")]})
        messages: list[str] = []
        for party, letter in self.assignments.items():
            if party not in Party.values:
                messages.append(str(_("Unknown role “%(party)s”.")) % {"party": party})
            if not isinstance(letter, str) or letter not in Raci.values:
                messages.append(str(_("Use R, A, C or I, not “%(letter)s”.")) % {"letter": letter})
        if not messages and list(self.assignments.values()).count(Raci.ACCOUNTABLE) != 1:
            messages.append(str(_("Exactly one role must be accountable (A).")))
        if messages:
            raise ValidationError({"assignments": messages})


class DocumentTemplate(BaseModel):
    """A letter, message or information sheet with `{{placeholders}}`, rendered to PDF for a case."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="document_templates")
    kind = models.CharField(_("kind"), max_length=32, choices=TemplateKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DE)
    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(
        _("e-mail subject"), max_length=200, blank=True, help_text=_("Used when the template is sent by e-mail.")
    )
    body = models.TextField(_("text"), max_length=20000)
    aims = models.TextField(
        _("aims"), blank=True, max_length=5000, help_text=_("Required for a BEM invitation (§ 167 SGB IX).")
    )
    data_collected = models.TextField(
        _("data collected"),
        blank=True,
        max_length=5000,
        help_text=_("Required for a BEM invitation: which data are collected and why."),
    )

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for field in ("title", "subject", "body", "aims", "data_collected"):
            messages = placeholder_errors(getattr(self, field) or "")
            if messages:
                errors[field] = messages
        if self.kind == TemplateKind.BEM_INVITATION:
            if not (self.aims or "").strip():
                errors.setdefault("aims", []).append(str(_("A BEM invitation must state the aims.")))
            if not (self.data_collected or "").strip():
                errors.setdefault("data_collected", []).append(
                    str(_("A BEM invitation must state which data are collected."))
                )
        if "\n" in (self.subject or "") or "\r" in (self.subject or ""):
            errors.setdefault("subject", []).append(str(_("The subject must be one line.")))
        if errors:
            raise ValidationError(errors)


class CommunicationRule(BaseModel):
    """When `event` happens in a case, inform `recipient` through `channel` with `template`.

    The rule itself sends nothing: the case cycle asks `rules_for_event` and delivers,
    after checking the consent that `CONSENT_PURPOSE_FOR_PARTY` names for the recipient.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="communication_rules")
    event = models.CharField(_("when"), max_length=32, choices=Event.choices)
    recipient = models.CharField(_("inform"), max_length=32, choices=Party.choices)
    channel = models.CharField(_("through"), max_length=16, choices=Channel.choices)
    template = models.ForeignKey(
        DocumentTemplate,
        on_delete=models.PROTECT,
        related_name="rules",
        verbose_name=_("template"),
    )
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["event", "recipient", "channel"]
        constraints = [
            # One event must not notify the same recipient twice through the same channel.
            models.UniqueConstraint(
                fields=["organisation", "event", "recipient", "channel"], name="introduce_rule_unique"
            )
        ]
        verbose_name = _("communication rule")
        verbose_name_plural = _("communication rules")

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.get_recipient_display()} ({self.get_channel_display()})"


class KnowledgePage(BaseModel):
    """A Markdown page for the organisation's shared understanding of case management.

    The Markdown is stored as written and sanitised every time it is rendered.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="knowledge_pages")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), max_length=100000, blank=True)
    in_playbook = models.BooleanField(_("link from the playbook"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("knowledge page")
        verbose_name_plural = _("knowledge pages")

    def __str__(self) -> str:
        return self.title
