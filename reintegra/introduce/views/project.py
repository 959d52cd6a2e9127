"""Pages: the start page of the app, projects, SOAR, resource map and the 4-D cycle."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reintegra.core.permissions import require
from reintegra.introduce import documents, forms, selectors, services
from reintegra.introduce.models import (
    ActionItem,
    CommunicationRule,
    ImplementationProject,
    KnowledgePage,
    SoarItem,
    Statement,
    StatementKind,
)
from reintegra.introduce.permissions import EDITORS_ONLY, can_change_soar_item, can_edit_introduction
from reintegra.introduce.views._base import form_page, member_required, role_context


@member_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The projects with their progress per 4-D stage, and links to every part."""
    user: Any = request.user
    projects = [(project, selectors.project_progress(project)) for project in selectors.projects_for(user=user)]
    context = {
        "projects": projects,
        "rule_count": selectors.visible_to(user, CommunicationRule).count(),
        "page_count": selectors.visible_to(user, KnowledgePage).count(),
        "upcoming_sessions": selectors.sessions_for(user=user).filter(starts_at__gt=timezone.now())[:3],
        **role_context(request),
    }
    return render(request, "introduce/index.html", context)


@member_required
def project_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require(can_edit_introduction(user), EDITORS_ONLY)  # before the form: people who may not create see no form
    form = forms.ProjectForm(request.POST if request.method == "POST" else None, organisation_id=user.organisation_id)
    return form_page(
        request,
        form=form,
        title=_("Start an implementation project"),
        back_url=reverse("introduce:index"),
        save=lambda valid: services.project_create(actor=user, data=valid.payload()),
        success_url=lambda project: reverse("introduce:project", kwargs={"pk": project.pk}),
    )


@member_required
def project_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    user: Any = request.user
    project = selectors.get_visible(user, ImplementationProject, pk)
    require(can_edit_introduction(user, project), EDITORS_ONLY)
    form = forms.ProjectForm(
        request.POST if request.method == "POST" else None, instance=project, organisation_id=user.organisation_id
    )

    def save(valid: forms.ProjectForm) -> ImplementationProject:
        return services.project_update(
            actor=user, project=project, data=valid.payload(), version=valid.submitted_version()
        )

    url = reverse("introduce:project", kwargs={"pk": project.pk})
    return form_page(request, form=form, title=_("Edit project"), back_url=url, save=save, success_url=url)


@member_required
@require_GET
def project_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    """Scope and shared understanding, participating units, the stakeholder map."""
    project = selectors.project_get(user=request.user, pk=pk)
    context = {
        "project": project,
        "progress": selectors.project_progress(project),
        "units": project.participating_units.all(),
        "stakeholder_map": selectors.stakeholder_map(project),
        **role_context(request),
    }
    return render(request, "introduce/project_detail.html", context)


@member_required
@require_GET
def soar(request: HttpRequest, pk: Any) -> HttpResponse:
    project = selectors.project_get(user=request.user, pk=pk)
    board = selectors.soar_board(user=request.user, project=project)
    for column in board:
        for item in column["items"]:
            item.may_change = can_change_soar_item(request.user, item)
    return render(request, "introduce/soar.html", {"project": project, "board": board, **role_context(request)})


@member_required
@require_POST
def soar_vote(request: HttpRequest, pk: Any) -> HttpResponse:
    """Toggle my vote; htmx swaps the item, a plain form post goes back to the board."""
    item = selectors.get_visible(request.user, SoarItem, pk)
    services.soar_item_vote_toggle(actor=request.user, item=item)  # type: ignore[arg-type]
    if request.htmx:  # type: ignore[attr-defined]
        fresh = selectors.soar_items_for(user=request.user, project=item.project).get(pk=item.pk)
        fresh.may_change = can_change_soar_item(request.user, fresh)  # type: ignore[attr-defined]
        return render(request, "introduce/partials/soar_item.html", {"item": fresh})
    return redirect(reverse("introduce:soar", kwargs={"pk": item.project_id}) + f"#item-{item.pk}")


@member_required
@require_GET
def soar_export(request: HttpRequest, pk: Any, fmt: str) -> HttpResponse:
    project = selectors.project_get(user=request.user, pk=pk)
    items = selectors.soar_items_for(user=request.user, project=project)
    if fmt == "pdf":
        response = HttpResponse(documents.soar_pdf(project=project, items=items), content_type="application/pdf")
    else:
        response = HttpResponse(documents.soar_csv(items=items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="soar.{fmt}"'
    return response


@member_required
@require_GET
def resources(request: HttpRequest, pk: Any) -> HttpResponse:
    project = selectors.project_get(user=request.user, pk=pk)
    context = {"project": project, "map": selectors.resource_map(project), **role_context(request)}
    return render(request, "introduce/resources.html", context)


@member_required
@require_GET
def inquiry(request: HttpRequest, pk: Any) -> HttpResponse:
    """Appreciative Inquiry on one page: the four stages with their progress and entries."""
    project = selectors.project_get(user=request.user, pk=pk)
    statements = list(Statement.objects.filter(project=project))
    context = {
        "project": project,
        "progress": {p.stage: p for p in selectors.project_progress(project)},
        "questions": project.interview_questions.all(),
        "interviews": project.interviews.select_related("interviewer").defer("notes"),
        "visions": [s for s in statements if s.kind == StatementKind.VISION],
        "principles": [s for s in statements if s.kind == StatementKind.PRINCIPLE],
        "pictures": [s for s in statements if s.kind == StatementKind.FUTURE_PICTURE],
        "actions": ActionItem.objects.filter(project=project).select_related("owner"),
        **role_context(request),
    }
    return render(request, "introduce/inquiry.html", context)


@member_required
@require_GET
def interview_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    interview = selectors.interview_get(user=request.user, pk=pk, request=request)
    return render(
        request,
        "introduce/interview_detail.html",
        {"interview": interview, "project": interview.project, **role_context(request)},
    )
