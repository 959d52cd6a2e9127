"""The insights page and its exports (CSV, XLSX, PDF): team leads and organisation admins."""

from collections.abc import Callable
from itertools import groupby

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.case_types import case_type_label_for
from reintegra.core.permissions import page_requires
from reintegra.insights.charts import insights_charts
from reintegra.insights.exports import insights_csv, insights_pdf, insights_xlsx
from reintegra.insights.forms import InsightsFilterForm
from reintegra.insights.permissions import can_see_insights
from reintegra.insights.presentation import TOO_FEW, curve_rows, display, figure_rows, too_few_text, trend_rows
from reintegra.insights.selectors import (
    Filters,
    insights_case_types,
    insights_filters,
    insights_read,
    insights_unit_choices,
)

View = Callable[..., HttpResponse]
FORMATS = ("csv", "xlsx", "pdf")


# Signed in (else the sign-in page) and a team lead or organisation admin (else 403).
leads_only = page_requires(can_see_insights)


def _filters(request: HttpRequest) -> tuple[InsightsFilterForm, Filters | None]:
    """The filter form and, when valid, the checked filters; the form keeps the organisation's case
    types (`form.case_types`) for the labels, so they are read once."""
    user = request.user
    form = InsightsFilterForm(
        request.GET or None,
        units=insights_unit_choices(user),  # type: ignore[arg-type]
        case_types=insights_case_types(user),  # type: ignore[arg-type]
    )
    if request.GET and not form.is_valid():
        return form, None
    values = form.cleaned_data if request.GET else {}
    try:
        filters = insights_filters(
            user=user,  # type: ignore[arg-type]
            date_from=values.get("from"),
            date_to=values.get("to"),
            unit_id=values.get("unit"),
            case_type=values.get("case_type"),
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return form, None
    return form, filters


def _scope_text(filters: Filters) -> str:
    parts = [filters.unit.name if filters.unit else _("all my units")]
    if filters.case_type:
        parts.append(case_type_label_for(filters.case_type, short=True))
    return ", ".join(parts)


@require_GET
@leads_only
def insights_index_view(request: HttpRequest) -> HttpResponse:
    """The figures of the period against the period before, with charts and their tables."""
    form, filters = _filters(request)
    if filters is None:
        return render(request, "insights/index.html", {"form": form}, status=400)
    if not form.is_bound:  # show the period the figures are for
        form.initial = {"from": filters.date_from, "to": filters.date_to}
    figures = insights_read(user=request.user, filters=filters)  # type: ignore[arg-type]
    sections = [
        {
            "title": title,
            "rows": [
                {
                    "label": row.label,
                    "current": display(row.current, row.kind),
                    "previous": display(row.previous, row.kind),
                    "too_few": row.current is TOO_FEW,
                }
                for row in items
            ],
        }
        for title, items in groupby(
            figure_rows(
                figures,
                organisation_id=request.user.organisation_id,  # type: ignore[union-attr]
                case_types=form.case_types,
            ),
            key=lambda row: row.section,
        )
    ]
    context = {
        "form": form,
        "figures": figures,
        "sections": sections,
        "charts": insights_charts(figures),
        "trend": [(month, display(opened), display(closed)) for month, opened, closed in trend_rows(figures)],
        "curve": [(day, display(share, "share"), at_risk) for day, share, at_risk in curve_rows(figures)],
        "per_case_manager": [
            {
                **entry,
                **{key: too_few_text() if entry[key] is None else entry[key] for key in ("open", "opened", "closed")},
            }
            for entry in figures["cases"]["per_case_manager"]
        ],
        "query": request.GET.urlencode(),
        "as_of": timezone.localtime(),
    }
    return render(request, "insights/index.html", context)


@require_GET
@leads_only
def insights_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The page's figures as CSV, XLSX or PDF (suppressed cells read "too few cases")."""
    if fmt not in FORMATS:
        raise Http404
    form, filters = _filters(request)
    if filters is None:
        return render(request, "insights/index.html", {"form": form}, status=400)
    user = request.user
    figures = insights_read(user=user, filters=filters)  # type: ignore[arg-type]
    organisation_id = user.organisation_id  # type: ignore[union-attr]
    access_log_write(
        user=user,
        action=AccessAction.EXPORT,
        object_type="insights",
        request=request,
        detail=f"format={fmt} from={filters.date_from} to={filters.date_to} "
        f"unit={filters.unit.pk if filters.unit else 'all'} case_type={filters.case_type or 'all'}",
    )
    name = f"insights-{filters.date_from}-{filters.date_to}"
    if fmt == "csv":
        response = HttpResponse(
            insights_csv(figures, organisation_id=organisation_id), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            insights_xlsx(figures, organisation_id=organisation_id),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            insights_pdf(
                figures,
                organisation_id=organisation_id,
                organisation_name=user.organisation.name,  # type: ignore[union-attr]
                scope=_scope_text(filters),
            ),
            content_type="application/pdf",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
