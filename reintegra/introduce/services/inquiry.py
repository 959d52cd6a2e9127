"""State changes of the Appreciative Inquiry: guide, interviews, statements, action plan."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import HttpRequest

from reintegra.accounts.models import User
from reintegra.audit.services import access_log_write
from reintegra.core.permissions import require
from reintegra.introduce.models import (
    ActionItem,
    ActionStatus,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    Statement,
)
from reintegra.introduce.permissions import EDITORS_ONLY, can_edit_introduction
from reintegra.introduce.services._base import Payload, create_object, delete_object, update_object


@dataclass(frozen=True, kw_only=True)
class InterviewQuestionData(Payload):
    text: str
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class InterviewData(Payload):
    interviewee: str
    conducted_on: date
    interviewer: User | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class StatementData(Payload):
    kind: str
    title: str
    text: str = ""


@dataclass(frozen=True, kw_only=True)
class ActionData(Payload):
    title: str
    owner: User | None = None
    due_on: date | None = None
    status: str = ActionStatus.OPEN


@transaction.atomic
def interview_question_create(
    *, actor: User, project: ImplementationProject, data: InterviewQuestionData
) -> InterviewQuestion:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    return create_object(InterviewQuestion(project=project), organisation_id=project.organisation_id, data=data)


@transaction.atomic
def interview_question_update(
    *, actor: User, question: InterviewQuestion, data: InterviewQuestionData, version: int | None
) -> InterviewQuestion:
    require(can_edit_introduction(actor, question), EDITORS_ONLY)
    return update_object(question, organisation_id=question.project.organisation_id, data=data, version=version)


@transaction.atomic
def interview_question_delete(*, actor: User, question: InterviewQuestion) -> None:
    require(can_edit_introduction(actor, question), EDITORS_ONLY)
    delete_object(question)


@transaction.atomic
def interview_create(
    *, actor: User, project: ImplementationProject, data: InterviewData, request: HttpRequest | None = None
) -> Interview:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    interview = create_object(Interview(project=project), organisation_id=project.organisation_id, data=data)
    access_log_write(user=actor, action="change", object_type="cm_interview", object_id=interview.pk, request=request)
    return interview


@transaction.atomic
def interview_update(
    *, actor: User, interview: Interview, data: InterviewData, version: int | None, request: HttpRequest | None = None
) -> Interview:
    require(can_edit_introduction(actor, interview), EDITORS_ONLY)
    update_object(
        interview,
        organisation_id=interview.project.organisation_id,
        data=data,
        version=version,
    )
    access_log_write(user=actor, action="change", object_type="cm_interview", object_id=interview.pk, request=request)
    return interview


@transaction.atomic
def interview_delete(*, actor: User, interview: Interview, request: HttpRequest | None = None) -> None:
    require(can_edit_introduction(actor, interview), EDITORS_ONLY)
    pk = interview.pk
    delete_object(interview)
    access_log_write(user=actor, action="delete", object_type="cm_interview", object_id=pk, request=request)


@transaction.atomic
def statement_create(*, actor: User, project: ImplementationProject, data: StatementData) -> Statement:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    return create_object(Statement(project=project), organisation_id=project.organisation_id, data=data)


@transaction.atomic
def statement_update(*, actor: User, statement: Statement, data: StatementData, version: int | None) -> Statement:
    require(can_edit_introduction(actor, statement), EDITORS_ONLY)
    return update_object(
        statement,
        organisation_id=statement.project.organisation_id,
        data=data,
        version=version,
    )


@transaction.atomic
def statement_delete(*, actor: User, statement: Statement) -> None:
    require(can_edit_introduction(actor, statement), EDITORS_ONLY)
    delete_object(statement)


@transaction.atomic
def action_create(*, actor: User, project: ImplementationProject, data: ActionData) -> ActionItem:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    return create_object(ActionItem(project=project), organisation_id=project.organisation_id, data=data)


@transaction.atomic
def action_update(*, actor: User, action: ActionItem, data: ActionData, version: int | None) -> ActionItem:
    require(can_edit_introduction(actor, action), EDITORS_ONLY)
    return update_object(action, organisation_id=action.project.organisation_id, data=data, version=version)


@transaction.atomic
def action_delete(*, actor: User, action: ActionItem) -> None:
    require(can_edit_introduction(actor, action), EDITORS_ONLY)
    delete_object(action)
