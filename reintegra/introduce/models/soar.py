"""SOAR analysis: Strengths, Opportunities, Aspirations, Results, with votes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.models import BaseModel
from reintegra.introduce.models.choices import Quadrant
from reintegra.introduce.models.project import ImplementationProject


class SoarItem(BaseModel):
    """One statement in one of the four SOAR quadrants."""

    project = models.ForeignKey(ImplementationProject, on_delete=models.CASCADE, related_name="soar_items")
    quadrant = models.CharField(_("quadrant"), max_length=16, choices=Quadrant.choices)
    text = models.TextField(_("text"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["quadrant", "created_at"]
        verbose_name = _("SOAR item")
        verbose_name_plural = _("SOAR items")

    def __str__(self) -> str:
        return self.text[:60]


class SoarVote(BaseModel):
    """One person's vote for one SOAR item (at most one: voting again takes it back)."""

    item = models.ForeignKey(SoarItem, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="introduce_one_vote_per_user")]
        verbose_name = _("SOAR vote")
        verbose_name_plural = _("SOAR votes")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.item_id}"
