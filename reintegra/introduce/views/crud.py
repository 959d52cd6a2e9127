"""Generic create, edit and delete pages for the app's entities (one registry, three views)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.core.exceptions import PermissionDenied
from reintegra.introduce import forms as f
from reintegra.introduce import selectors, services
from reintegra.introduce.models import (
    ActionItem,
    CommunicationRule,
    DocumentTemplate,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    KnowledgePage,
    OfficeHourSession,
    RaciRow,
    ResourceEntry,
    SoarItem,
    Stakeholder,
    Statement,
)
from reintegra.introduce.permissions import may_change_soar_item, require_editor
from reintegra.introduce.placeholders import PLACEHOLDERS
from reintegra.introduce.views._base import delete_page, form_page, member_required


def _project_url(name: str, anchor: str = "") -> Callable[[Any], str]:
    def url(obj: Any) -> str:
        project = obj if isinstance(obj, ImplementationProject) else obj.project
        return reverse(f"introduce:{name}", kwargs={"pk": project.pk}) + anchor

    return url


def _fixed(name: str, anchor: str = "") -> Callable[[Any], str]:
    return lambda obj: reverse(f"introduce:{name}") + anchor


@dataclass(frozen=True)
class Entity:
    model: type[Model]
    form: type[f.ScopedModelForm]
    name: str  # keyword of the object in the update and delete services
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any] | None
    back: Callable[[Any], str]  # where the list of these objects is, given an object or the project
    title_new: str | Promise
    title_edit: str | Promise
    under_project: bool = True
    with_request: bool = False

    def check_access(self, user: Any, obj: Any = None) -> None:
        """Refuse the page itself (403), not only the save, to people who may not change this."""
        if self.model is SoarItem:
            if obj is not None and not may_change_soar_item(user, obj):
                raise PermissionDenied("Only the author, a team lead or an organisation admin may change this item.")
            return
        require_editor(user)


ENTITIES: dict[str, Entity] = {
    "stakeholders": Entity(
        Stakeholder, f.StakeholderForm, "stakeholder",
        services.stakeholder_create, services.stakeholder_update, services.stakeholder_delete,
        _project_url("project", "#stakeholders"), _("Add a stakeholder"), _("Edit stakeholder"),
    ),
    "resources": Entity(
        ResourceEntry, f.ResourceForm, "resource",
        services.resource_create, services.resource_update, services.resource_delete,
        _project_url("resources"), _("Add a resource"), _("Edit resource"),
    ),
    "soar-items": Entity(
        SoarItem, f.SoarItemForm, "item",
        services.soar_item_create, services.soar_item_update, services.soar_item_delete,
        _project_url("soar"), _("Add a SOAR item"), _("Edit SOAR item"),
    ),
    "questions": Entity(
        InterviewQuestion, f.InterviewQuestionForm, "question",
        services.interview_question_create, services.interview_question_update, services.interview_question_delete,
        _project_url("inquiry", "#discovery"), _("Add a question to the interview guide"), _("Edit question"),
    ),
    "interviews": Entity(
        Interview, f.InterviewForm, "interview",
        services.interview_create, services.interview_update, services.interview_delete,
        _project_url("inquiry", "#discovery"), _("Record an interview"), _("Edit interview"), with_request=True,
    ),
    "statements": Entity(
        Statement, f.StatementForm, "statement",
        services.statement_create, services.statement_update, services.statement_delete,
        _project_url("inquiry", "#dream"), _("Add a vision, principle or future picture"), _("Edit"),
    ),
    "actions": Entity(
        ActionItem, f.ActionForm, "action",
        services.action_create, services.action_update, services.action_delete,
        _project_url("inquiry", "#destiny"), _("Add an action"), _("Edit action"),
    ),
    "raci": Entity(
        RaciRow, f.RaciRowForm, "row",
        services.raci_row_create, services.raci_row_update, services.raci_row_delete,
        _fixed("playbook", "#raci"), _("Add an activity to the RACI table"), _("Edit activity"), under_project=False,
    ),
    "rules": Entity(
        CommunicationRule, f.RuleForm, "rule",
        services.rule_create, services.rule_update, services.rule_delete,
        _fixed("playbook", "#rules"), _("Add a communication rule"), _("Edit communication rule"), under_project=False,
    ),
    "templates": Entity(
        DocumentTemplate, f.TemplateForm, "template",
        services.template_create, services.template_update, services.template_delete,
        _fixed("playbook", "#templates"), _("Add a document template"), _("Edit document template"),
        under_project=False,
    ),
    "knowledge": Entity(
        KnowledgePage, f.KnowledgePageForm, "page",
        services.knowledge_page_create, services.knowledge_page_update, services.knowledge_page_delete,
        _fixed("knowledge"), _("Add a knowledge page"), _("Edit knowledge page"), under_project=False,
    ),
    "office-hours": Entity(
        OfficeHourSession, f.SessionForm, "session",
        services.session_create, services.session_update, services.session_delete,
        _fixed("office_hours"), _("Add an office hour"), _("Edit office hour"), under_project=False,
    ),
}  # fmt: skip


def _extra(entity: Entity) -> dict[str, Any]:
    return {"placeholders": PLACEHOLDERS} if entity.model is DocumentTemplate else {}


def _initial(request: HttpRequest, form_class: type[f.ScopedModelForm]) -> dict[str, Any]:
    """Prefill from the query string (e.g. ?quadrant=strengths), only for the form's own fields."""
    return {key: value for key, value in request.GET.items() if key in form_class.base_fields}


@member_required
def entity_create(request: HttpRequest, key: str, project_pk: Any = None) -> HttpResponse:
    entity = ENTITIES[key]
    user: Any = request.user
    entity.check_access(user)
    parent: dict[str, Any] = {}
    if entity.under_project:
        parent["project"] = selectors.get_visible(user, ImplementationProject, project_pk)
    form = entity.form(
        request.POST if request.method == "POST" else None,
        organisation_id=user.organisation_id,
        initial=_initial(request, entity.form),
    )
    extra_kwargs = {"request": request} if entity.with_request else {}

    def save(data: dict[str, Any]) -> Any:
        return entity.create(actor=user, data=data, **parent, **extra_kwargs)

    back = entity.back(parent.get("project"))
    return form_page(
        request,
        form=form,
        title=str(entity.title_new),
        back_url=back,
        save=save,
        success_url=entity.back,
        extra=_extra(entity),
    )


@member_required
def entity_edit(request: HttpRequest, key: str, pk: Any) -> HttpResponse:
    entity = ENTITIES[key]
    user: Any = request.user
    if key == "interviews":
        entity.check_access(user)
        obj: Any = selectors.interview_get(user=user, pk=pk, request=request)
    else:
        obj = selectors.get_visible(user, entity.model, pk)
        entity.check_access(user, obj)
    form = entity.form(
        request.POST if request.method == "POST" else None, instance=obj, organisation_id=user.organisation_id
    )
    extra_kwargs = {"request": request} if entity.with_request else {}

    def save(data: dict[str, Any]) -> Any:
        version = data.pop("version", None)
        return entity.update(actor=user, data=data, version=version, **{entity.name: obj}, **extra_kwargs)

    return form_page(
        request,
        form=form,
        title=str(entity.title_edit),
        back_url=entity.back(obj),
        save=save,
        success_url=entity.back,
        extra={
            "object": obj,
            "delete_url": reverse(f"introduce:{key}_delete", kwargs={"pk": obj.pk}),
            **_extra(entity),
        },
    )


@member_required
def entity_delete(request: HttpRequest, key: str, pk: Any) -> HttpResponse:
    entity = ENTITIES[key]
    user: Any = request.user
    obj: Any = selectors.get_visible(user, entity.model, pk)
    entity.check_access(user, obj)
    back = entity.back(obj)
    extra_kwargs = {"request": request} if entity.with_request else {}
    assert entity.delete is not None

    def delete() -> None:
        entity.delete(actor=user, **{entity.name: obj}, **extra_kwargs)  # type: ignore[misc]

    return delete_page(request, obj=obj, delete=delete, back_url=back, success_url=back)
