"""API: implementation projects, stakeholders, resource map, SOAR and the 4-D cycle."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.audit.services import access_log_write
from reintegra.introduce import documents, selectors, services
from reintegra.introduce import filters as f
from reintegra.introduce.api import serializers as s
from reintegra.introduce.api.base import (
    MEMBER_PERMISSIONS,
    CSVRenderer,
    PDFRenderer,
    ScopedDetail,
    ScopedListCreate,
)
from reintegra.introduce.models import (
    ActionItem,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    ResourceEntry,
    SoarItem,
    Stakeholder,
    Statement,
)
from reintegra.introduce.permissions import SOAR_AUTHORS_ONLY, can_add_soar_item, can_change_soar_item


class ProjectList(ScopedListCreate):
    """Implementation projects of my organisation (one for the whole organisation, one per unit)."""

    model = ImplementationProject
    serializer_class = s.ProjectSerializer
    create_service = services.project_create

    def scoped_queryset(self) -> Any:
        return selectors.projects_for(user=self.request.user).prefetch_related("participating_units")

    def perform_create(self, serializer: Any) -> None:
        super().perform_create(serializer)
        serializer.instance = selectors.project_get(user=self.request.user, pk=serializer.instance.pk)


class ProjectDetail(ScopedDetail):
    """One project with its progress per 4-D stage. Projects are not deleted through the API."""

    http_method_names = ["get", "patch", "head", "options"]
    model = ImplementationProject
    object_name = "project"
    serializer_class = s.ProjectSerializer
    update_service = services.project_update

    def scoped_queryset(self) -> Any:
        return selectors.projects_for(user=self.request.user).prefetch_related("participating_units")

    def perform_update(self, serializer: Any) -> None:
        super().perform_update(serializer)
        serializer.instance = selectors.project_get(user=self.request.user, pk=serializer.instance.pk)


def _children(
    model: Any, ser: Any, name: str, create: Any, update: Any, delete: Any, doc: str, filterset: Any = None
) -> tuple[type[ScopedListCreate], type[ScopedDetail]]:
    """A list/create view below a project and a detail view for one model."""
    list_view = type(
        f"{model.__name__}List",
        (ScopedListCreate,),
        {
            "__doc__": doc,
            "model": model,
            "under_project": True,
            "serializer_class": ser,
            "create_service": create,
            "filterset_class": filterset,
        },
    )
    detail_view = type(
        f"{model.__name__}Detail",
        (ScopedDetail,),
        {
            "__doc__": doc,
            "model": model,
            "object_name": name,
            "serializer_class": ser,
            "update_service": update,
            "delete_service": delete,
        },
    )
    return list_view, detail_view


StakeholderList, StakeholderDetail = _children(
    Stakeholder, s.StakeholderSerializer, "stakeholder",
    services.stakeholder_create, services.stakeholder_update, services.stakeholder_delete,
    "Stakeholders: who already takes part and who is still needed, per organisational level.",
)  # fmt: skip
ResourceList, ResourceDetail = _children(
    ResourceEntry, s.ResourceSerializer, "resource",
    services.resource_create, services.resource_update, services.resource_delete,
    "The resource map: structures, processes and methods that help case management.", f.ResourceFilter,
)  # fmt: skip
QuestionList, QuestionDetail = _children(
    InterviewQuestion, s.InterviewQuestionSerializer, "question",
    services.interview_question_create, services.interview_question_update, services.interview_question_delete,
    "Discovery: the interview guide.",
)  # fmt: skip
StatementList, StatementDetail = _children(
    Statement, s.StatementSerializer, "statement",
    services.statement_create, services.statement_update, services.statement_delete,
    "Dream (visions) and Design (principles, future pictures).", f.StatementFilter,
)  # fmt: skip
ActionList, ActionDetail = _children(
    ActionItem, s.ActionSerializer, "action",
    services.action_create, services.action_update, services.action_delete,
    "Destiny: the action plan with owners, dates and status.", f.ActionFilter,
)  # fmt: skip


class InterviewList(ScopedListCreate):
    """Discovery: interview records (what already works)."""

    model = Interview
    under_project = True
    serializer_class = s.InterviewSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.interview_create(
            actor=self.request.user,  # type: ignore[arg-type]
            project=self.project(),
            data=serializer.payload(),
            request=self.request._request,
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        access_log_write(
            user=request.user, action="read", object_type="cm_interview", object_id="", request=request._request
        )
        return response


class InterviewDetail(ScopedDetail):
    """One interview record; reads and changes are logged (the notes may name people)."""

    model = Interview
    object_name = "interview"
    serializer_class = s.InterviewSerializer
    update_service = services.interview_update
    delete_service = services.interview_delete

    def get_object(self) -> Interview:
        interview = selectors.interview_get(user=self.request.user, pk=self.kwargs["pk"], request=self.request._request)
        self.check_object_permissions(self.request, interview)
        return interview

    def extra_kwargs(self) -> dict[str, HttpRequest]:
        return {"request": self.request._request}


class SoarItemList(ScopedListCreate):
    """SOAR items of a project with votes; every staff member may add."""

    model = SoarItem
    under_project = True
    serializer_class = s.SoarItemSerializer
    create_service = services.soar_item_create
    filterset_class = f.SoarItemFilter

    def scoped_queryset(self) -> Any:
        return selectors.soar_items_for(user=self.request.user, project=self.project())

    def may_create(self) -> bool:
        return can_add_soar_item(self.request.user, self.project())


class SoarItemDetail(ScopedDetail):
    """One SOAR item. The author, team leads and organisation admins may change or delete it."""

    model = SoarItem
    object_name = "item"
    serializer_class = s.SoarItemSerializer
    update_service = services.soar_item_update
    delete_service = services.soar_item_delete

    def scoped_queryset(self) -> Any:
        return super().scoped_queryset().select_related("author", "project")

    refusal = SOAR_AUTHORS_ONLY

    def may_change(self, instance: Any) -> bool:
        return can_change_soar_item(self.request.user, instance)


class SoarVoteToggle(APIView):
    """Vote for a SOAR item, or take the vote back (one vote per person and item)."""

    permission_classes = MEMBER_PERMISSIONS

    @extend_schema(request=None, responses={200: s.VoteResultSerializer})
    def post(self, request: Request, pk: Any) -> Response:
        item = selectors.get_visible(request.user, SoarItem, pk)
        voted = services.soar_item_vote_toggle(actor=request.user, item=item)  # type: ignore[arg-type]
        return Response({"voted": voted, "votes": item.votes.count()})


def _soar(request: Request, project_pk: Any) -> tuple[ImplementationProject, Any]:
    project = get_object_or_404(selectors.projects_for(user=request.user), pk=project_pk)
    return project, selectors.soar_items_for(user=request.user, project=project)


class SoarCSV(APIView):
    """The SOAR analysis of a project as CSV (UTF-8; cells that look like formulas are quoted)."""

    permission_classes = MEMBER_PERMISSIONS
    renderer_classes = [JSONRenderer, CSVRenderer]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)})
    def get(self, request: Request, project_pk: Any) -> HttpResponse:
        _project, items = _soar(request, project_pk)
        response = HttpResponse(documents.soar_csv(items=items), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="soar.csv"'
        return response


class SoarPDF(APIView):
    """The SOAR analysis of a project as PDF."""

    permission_classes = MEMBER_PERMISSIONS
    renderer_classes = [JSONRenderer, PDFRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request: Request, project_pk: Any) -> HttpResponse:
        project, items = _soar(request, project_pk)
        response = HttpResponse(documents.soar_pdf(project=project, items=items), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="soar.pdf"'
        return response
