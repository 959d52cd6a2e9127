"""Demo: the statistical records of the demo cases (the demo data of the other apps is loaded
partly behind the services' back, so the records are recomputed once at the end)."""

from reintegra.accounts.models import Organisation
from reintegra.insights.services import case_figures_rebuild


def load() -> list[str]:
    lines = []
    for organisation in Organisation.objects.filter(cases__isnull=False).distinct().order_by("name"):
        count = case_figures_rebuild(organisation_id=organisation.pk)
        lines.append(f"Insights: {count} case records of {organisation.name} recomputed.")
    return lines
