from reintegra.insights.services.figures import (
    case_figures_compute,
    case_figures_rebuild,
    case_figures_refresh,
    case_figures_refresh_step,
    case_figures_refresh_with_absences,
    case_figures_release,
)
from reintegra.insights.services.summary import summary_rebuild, summary_refresh_cells

__all__ = [
    "case_figures_compute",
    "case_figures_rebuild",
    "case_figures_release",
    "case_figures_refresh",
    "case_figures_refresh_step",
    "case_figures_refresh_with_absences",
    "summary_rebuild",
    "summary_refresh_cells",
]
