"""State changes of the Appreciative Inquiry: guide, interviews, statements, action plan."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from reintegra.accounts.models import User
from reintegra.audit.services import access_log_write
from reintegra.introduce.models import ActionItem, ImplementationProject, Interview, InterviewQuestion, Statement
from reintegra.introduce.permissions import require_editor
from reintegra.introduce.services._base import create_object, delete_object, update_object

QUESTION_FIELDS = ("text", "position")
INTERVIEW_FIELDS = ("interviewee", "conducted_on", "interviewer", "notes")
STATEMENT_FIELDS = ("kind", "title", "text")
ACTION_FIELDS = ("title", "owner", "due_on", "status")


@transaction.atomic
def interview_question_create(
    *, actor: User, project: ImplementationProject, data: dict[str, Any]
) -> InterviewQuestion:
    require_editor(actor, project)
    return create_object(
        InterviewQuestion(project=project), organisation_id=project.organisation_id, data=data, fields=QUESTION_FIELDS
    )


@transaction.atomic
def interview_question_update(
    *, actor: User, question: InterviewQuestion, data: dict[str, Any], version: int
) -> InterviewQuestion:
    require_editor(actor, question)
    return update_object(
        question, organisation_id=question.project.organisation_id, data=data, fields=QUESTION_FIELDS, version=version
    )


@transaction.atomic
def interview_question_delete(*, actor: User, question: InterviewQuestion) -> None:
    require_editor(actor, question)
    delete_object(question)


@transaction.atomic
def interview_create(
    *, actor: User, project: ImplementationProject, data: dict[str, Any], request: HttpRequest | None = None
) -> Interview:
    require_editor(actor, project)
    interview = create_object(
        Interview(project=project), organisation_id=project.organisation_id, data=data, fields=INTERVIEW_FIELDS
    )
    access_log_write(user=actor, action="change", object_type="cm_interview", object_id=interview.pk, request=request)
    return interview


@transaction.atomic
def interview_update(
    *, actor: User, interview: Interview, data: dict[str, Any], version: int, request: HttpRequest | None = None
) -> Interview:
    require_editor(actor, interview)
    update_object(
        interview,
        organisation_id=interview.project.organisation_id,
        data=data,
        fields=INTERVIEW_FIELDS,
        version=version,
    )
    access_log_write(user=actor, action="change", object_type="cm_interview", object_id=interview.pk, request=request)
    return interview


@transaction.atomic
def interview_delete(*, actor: User, interview: Interview, request: HttpRequest | None = None) -> None:
    require_editor(actor, interview)
    pk = interview.pk
    delete_object(interview)
    access_log_write(user=actor, action="delete", object_type="cm_interview", object_id=pk, request=request)


@transaction.atomic
def statement_create(*, actor: User, project: ImplementationProject, data: dict[str, Any]) -> Statement:
    require_editor(actor, project)
    return create_object(
        Statement(project=project), organisation_id=project.organisation_id, data=data, fields=STATEMENT_FIELDS
    )


@transaction.atomic
def statement_update(*, actor: User, statement: Statement, data: dict[str, Any], version: int) -> Statement:
    require_editor(actor, statement)
    return update_object(
        statement,
        organisation_id=statement.project.organisation_id,
        data=data,
        fields=STATEMENT_FIELDS,
        version=version,
    )


@transaction.atomic
def statement_delete(*, actor: User, statement: Statement) -> None:
    require_editor(actor, statement)
    delete_object(statement)


@transaction.atomic
def action_create(*, actor: User, project: ImplementationProject, data: dict[str, Any]) -> ActionItem:
    require_editor(actor, project)
    return create_object(
        ActionItem(project=project), organisation_id=project.organisation_id, data=data, fields=ACTION_FIELDS
    )


@transaction.atomic
def action_update(*, actor: User, action: ActionItem, data: dict[str, Any], version: int) -> ActionItem:
    require_editor(actor, action)
    return update_object(
        action, organisation_id=action.project.organisation_id, data=data, fields=ACTION_FIELDS, version=version
    )


@transaction.atomic
def action_delete(*, actor: User, action: ActionItem) -> None:
    require_editor(actor, action)
    delete_object(action)
