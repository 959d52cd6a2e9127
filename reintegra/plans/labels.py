"""Readable names of the plan's fields, for histories and comparisons."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.plans.models import LEVEL_LABELS

FIELD_LABELS = {
    "title": _("Title"),
    "horizon": _("Horizon"),
    "priority": _("Priority"),
    "due_date": pgettext_lazy("plan", "Due date"),
    "indicator": _("Measurable criterion"),
    "weight": _("Weight"),
    "status": _("Status"),
    "shared_with_participants": _("Shared with participants"),
    "description": _("Description"),
    "goals": _("Goals"),
    "responsible": pgettext_lazy("plan", "Responsible"),
    "provider": _("Provider"),
    "start_date": pgettext_lazy("plan", "Start"),
    "planned_cost": _("Planned cost"),
    "actual_cost": _("Actual cost"),
    "cost_bearer": _("Cost bearer"),
    "resource_person": _("Resource person"),
    "resource_node_id": _("Network map node"),
    "steps": _("Steps"),
    "levels": _("GAS levels"),
    "review_interval_weeks": _("Review interval in weeks"),
    "next_review_on": _("Next review"),
    **{f"levels.{key}": _("GAS level %(level)s") % {"level": label} for key, label in LEVEL_LABELS.items()},
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))
