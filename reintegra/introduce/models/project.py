"""The implementation project and what it maps: stakeholders and the resource map."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Unit
from reintegra.core.models import BaseModel
from reintegra.introduce.models.choices import (
    CyclePhase,
    Level,
    ResourceKind,
    Scope,
    StakeholderStatus,
)


class ImplementationProject(BaseModel):
    """Introducing case management in an organisation, or in one of its units.

    Holds the shared understanding ("which game is played") and the scope; the
    SOAR analysis, the resource map and the Appreciative Inquiry belong to it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="cm_projects")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="cm_projects",
        null=True,
        blank=True,
        verbose_name=_("unit"),
        help_text=_("Leave empty for a project of the whole organisation."),
    )
    title = models.CharField(_("title"), max_length=200)
    understanding = models.TextField(
        _("what case management means here"),
        blank=True,
        help_text=_("The shared understanding of case management in this organisation."),
    )
    scope = models.CharField(_("scope"), max_length=32, choices=Scope.choices, default=Scope.PILOT)
    scope_note = models.TextField(
        _("how far it goes"), blank=True, help_text=_("Which cases, which parts of the cycle, by when.")
    )
    participating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cm_participations", verbose_name=_("participating units")
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(unit__isnull=True),
                name="introduce_project_one_per_organisation",
            ),
            models.UniqueConstraint(fields=["organisation", "unit"], name="introduce_project_one_per_unit"),
        ]
        verbose_name = _("implementation project")
        verbose_name_plural = _("implementation projects")

    def __str__(self) -> str:
        return self.title


class Stakeholder(BaseModel):
    """Someone (a person or a group) the introduction needs: already on board or still needed."""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name or group"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    level = models.CharField(_("organisational level"), max_length=16, choices=Level.choices)
    status = models.CharField(_("status"), max_length=16, choices=StakeholderStatus.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name


class ResourceEntry(BaseModel):
    """An existing structure, process or method that helps case management (the resource map)."""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(_("phase"), max_length=16, choices=CyclePhase.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("Leave empty when the resource serves the whole organisation."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["phase", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title
