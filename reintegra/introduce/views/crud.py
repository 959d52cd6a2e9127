"""Generic create, edit and delete pages for the app's entities (one registry, three views).

Each entry names the model, its form (which builds the service's typed payload), the three
services and the permission predicate asked before the page opens.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.core.permissions import require
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
from reintegra.introduce.permissions import (
    EDITORS_ONLY,
    SOAR_AUTHORS_ONLY,
    can_change_soar_item,
    can_edit_introduction,
)
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
    form: type[f.ScopedModelForm[Any]]
    name: str  # keyword of the object in the update and delete services
    # The services take keyword-only arguments: `actor`, `data` (the form's typed payload),
    # `project` for objects below a project, the object under `name`, and `version` on update.
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    back: Callable[[Any], str]  # where the list of these objects is, given an object or the project
    title_new: str | Promise
    title_edit: str | Promise
    under_project: bool = True
    with_request: bool = False

    def request_kwargs(self, request: HttpRequest) -> dict[str, HttpRequest]:
        """Services whose changes are logged (interviews) get the request for the access log."""
        return {"request": request} if self.with_request else {}

    def check_access(self, user: Any, obj: Any = None) -> None:
        """Refuse the page itself (403), not only the save, to people who may not change this."""
        if self.model is SoarItem:
            # Every staff member adds SOAR items (without `obj` the predicate says so); authors edit theirs.
            require(can_change_soar_item(user, obj), SOAR_AUTHORS_ONLY)
            return
        require(can_edit_introduction(user, obj), EDITORS_ONLY)


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


def _initial(request: HttpRequest, form_class: type[f.ScopedModelForm[Any]]) -> dict[str, Any]:
    """Prefill from the query string (e.g. ?quadrant=strengths), only for the form's own fields."""
    return {key: value for key, value in request.GET.items() if key in form_class.base_fields}


@member_required
def entity_create(request: HttpRequest, key: str, project_pk: Any = None) -> HttpResponse:
    entity = ENTITIES[key]
    user: Any = request.user
    entity.check_access(user)
    project = selectors.get_visible(user, ImplementationProject, project_pk) if entity.under_project else None
    form = entity.form(
        request.POST if request.method == "POST" else None,
        organisation_id=user.organisation_id,
        initial=_initial(request, entity.form),
    )

    def save(form: f.ScopedModelForm[Any]) -> Any:
        below = {"project": project} if project is not None else {}
        return entity.create(actor=user, data=form.payload(), **below, **entity.request_kwargs(request))

    back = entity.back(project)
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

    def save(form: f.ScopedModelForm[Any]) -> Any:
        return entity.update(
            actor=user,
            data=form.payload(),
            version=form.submitted_version(),
            **{entity.name: obj},
            **entity.request_kwargs(request),
        )

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

    def delete() -> None:
        entity.delete(actor=user, **{entity.name: obj}, **entity.request_kwargs(request))

    return delete_page(request, obj=obj, delete=delete, back_url=back, success_url=back)
