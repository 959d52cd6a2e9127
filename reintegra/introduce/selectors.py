"""Reads for the introduce app. `visible_to` is the one choke point for organisation scoping."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count, Exists, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils.functional import Promise

from reintegra.accounts.models import Organisation, Unit, User
from reintegra.accounts.selectors import staff_members
from reintegra.audit.services import access_log_write
from reintegra.core.permissions import require
from reintegra.introduce.models import (
    CONSENT_PURPOSE_FOR_PARTY,
    ActionItem,
    ActionStatus,
    CommunicationRule,
    CyclePhase,
    DocumentTemplate,
    Event,
    ImplementationProject,
    Interview,
    InterviewQuestion,
    KnowledgePage,
    Level,
    OfficeHourSession,
    OfficeHourSignup,
    Party,
    Quadrant,
    RaciRow,
    ResourceEntry,
    SoarItem,
    SoarVote,
    Stage,
    StageStatus,
    StakeholderStatus,
    Statement,
    StatementKind,
)
from reintegra.introduce.models.project import Stakeholder
from reintegra.introduce.permissions import MEMBERS_ONLY, can_view_introduction

M = TypeVar("M", bound=Model)

# How each model reaches its organisation.
ORGANISATION_PATH: dict[type[Model], str] = {
    ImplementationProject: "organisation",
    Stakeholder: "project__organisation",
    ResourceEntry: "project__organisation",
    SoarItem: "project__organisation",
    InterviewQuestion: "project__organisation",
    Interview: "project__organisation",
    Statement: "project__organisation",
    ActionItem: "project__organisation",
    RaciRow: "organisation",
    DocumentTemplate: "organisation",
    CommunicationRule: "organisation",
    KnowledgePage: "organisation",
    OfficeHourSession: "organisation",
    OfficeHourSignup: "session__organisation",
}


def visible_to(user: Any, model: type[M]) -> QuerySet[M]:
    """Everything of `model` in the user's organisation; refuses people who are not staff members."""
    require(can_view_introduction(user), MEMBERS_ONLY)
    return model._default_manager.filter(**{ORGANISATION_PATH[model]: user.organisation_id})


def get_visible(user: Any, model: type[M], pk: Any, queryset: QuerySet[M] | None = None) -> M:
    """One object of the user's organisation; 404 whether it is missing or another organisation's."""
    qs = queryset if queryset is not None else visible_to(user, model)
    try:
        return qs.get(pk=pk)
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:  # a malformed id is "missing" too
        raise Http404 from exc


def units_of(organisation_id: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation_id=organisation_id)


def members_of(organisation_id: Any) -> QuerySet[User]:
    """The people the forms offer (owners, interviewers, hosts): active staff, never portal accounts."""
    return staff_members(organisation_id=organisation_id)


# --- project and its progress --------------------------------------------------------------


@dataclass(frozen=True)
class StageProgress:
    stage: str
    label: str | Promise
    status: str
    percent: int
    summary: dict[str, int]


def _count(model: type[Model], **filters: Any) -> Coalesce:
    rows = (
        model._default_manager.filter(project=OuterRef("pk"), **filters)
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def projects_for(*, user: Any) -> QuerySet[ImplementationProject]:
    """The organisation's projects with the counts that the 4-D progress needs (one query)."""
    return (
        visible_to(user, ImplementationProject)
        .select_related("unit")
        .annotate(
            n_questions=_count(InterviewQuestion),
            n_interviews=_count(Interview),
            n_visions=_count(Statement, kind=StatementKind.VISION),
            n_principles=_count(Statement, kind=StatementKind.PRINCIPLE),
            n_pictures=_count(Statement, kind=StatementKind.FUTURE_PICTURE),
            n_actions=_count(ActionItem, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE]),
            n_actions_done=_count(ActionItem, status=ActionStatus.DONE),
            n_soar=_count(SoarItem),
            n_resources=_count(ResourceEntry),
            n_stakeholders=_count(Stakeholder),
        )
    )


def project_get(*, user: Any, pk: Any) -> ImplementationProject:
    return get_visible(user, ImplementationProject, pk, projects_for(user=user))


def _status(parts_done: int, parts: int, started: bool) -> str:
    if parts and parts_done >= parts:
        return StageStatus.DONE
    return StageStatus.IN_PROGRESS if started else StageStatus.NOT_STARTED


def project_progress(project: ImplementationProject) -> list[StageProgress]:
    """Progress per 4-D stage, from the counts annotated by `projects_for`.

    Discovery is done with a guide and at least one interview; Dream with a
    vision; Design with a principle and a future picture; Destiny when every
    action that was not dropped is done.
    """
    questions, interviews = project.n_questions, project.n_interviews  # type: ignore[attr-defined]
    visions = project.n_visions  # type: ignore[attr-defined]
    principles, pictures = project.n_principles, project.n_pictures  # type: ignore[attr-defined]
    actions, done = project.n_actions, project.n_actions_done  # type: ignore[attr-defined]
    discovery_parts = int(questions > 0) + int(interviews > 0)
    design_parts = int(principles > 0) + int(pictures > 0)
    return [
        StageProgress(
            Stage.DISCOVERY,
            Stage.DISCOVERY.label,
            _status(discovery_parts, 2, discovery_parts > 0),
            discovery_parts * 50,
            {"questions": questions, "interviews": interviews},
        ),
        StageProgress(
            Stage.DREAM,
            Stage.DREAM.label,
            _status(int(visions > 0), 1, visions > 0),
            100 if visions else 0,
            {"visions": visions},
        ),
        StageProgress(
            Stage.DESIGN,
            Stage.DESIGN.label,
            _status(design_parts, 2, design_parts > 0),
            design_parts * 50,
            {"principles": principles, "future_pictures": pictures},
        ),
        StageProgress(
            Stage.DESTINY,
            Stage.DESTINY.label,
            _status(done, actions, actions > 0),
            round(100 * done / actions) if actions else 0,
            {"actions": actions, "done": done},
        ),
    ]


def stakeholder_map(project: ImplementationProject) -> list[dict[str, Any]]:
    """Per organisational level: who already takes part and who is still needed."""
    grouped: dict[tuple[str, str], list[Stakeholder]] = defaultdict(list)
    for person in project.stakeholders.select_related("unit"):
        grouped[(person.level, person.status)].append(person)
    return [
        {
            "level": level,
            "label": level.label,
            "on_board": grouped[(level, StakeholderStatus.ON_BOARD)],
            "needed": grouped[(level, StakeholderStatus.NEEDED)],
        }
        for level in Level
    ]


def resource_map(project: ImplementationProject) -> dict[str, Any]:
    """Resources as a table: one row per phase, one column per unit (and one for the whole organisation)."""
    resources = list(project.resources.select_related("unit"))
    units = sorted({r.unit for r in resources if r.unit is not None}, key=lambda u: u.name)
    columns: list[Unit | None] = [None, *units]
    rows = []
    for phase in CyclePhase:
        cells = [
            [r for r in resources if r.phase == phase and r.unit_id == (unit.pk if unit else None)] for unit in columns
        ]
        rows.append({"phase": phase, "label": phase.label, "cells": cells})
    return {"columns": columns, "rows": rows, "count": len(resources)}


# --- SOAR -------------------------------------------------------------------------------------


def soar_items_for(*, user: Any, project: ImplementationProject) -> QuerySet[SoarItem]:
    """The project's SOAR items with their vote count and whether `user` voted, most votes first."""
    return (
        visible_to(user, SoarItem)
        .filter(project=project)
        # The project too: the permission predicates ask each item's organisation through it.
        .select_related("author", "project")
        .annotate(
            vote_count=Count("votes"),
            voted=Exists(SoarVote.objects.filter(item=OuterRef("pk"), user=user)),
        )
        .order_by("quadrant", "-vote_count", "created_at")
    )


def soar_board(*, user: Any, project: ImplementationProject) -> list[dict[str, Any]]:
    items = list(soar_items_for(user=user, project=project))
    return [{"quadrant": q, "label": q.label, "items": [i for i in items if i.quadrant == q]} for q in Quadrant]


# --- playbook ---------------------------------------------------------------------------------


def raci_matrix(*, user: Any) -> dict[str, Any]:
    """RACI rows grouped by phase; columns are the parties that hold any letter."""
    rows = list(visible_to(user, RaciRow))
    used = {party for row in rows for party in row.assignments}
    parties = [party for party in Party if party in used]
    phases = []
    for phase in CyclePhase:
        phase_rows = [
            {"row": row, "cells": [row.assignments.get(party, "") for party in parties]}
            for row in rows
            if row.phase == phase
        ]
        phases.append({"phase": phase, "label": phase.label, "rows": phase_rows})
    return {"parties": parties, "phases": phases, "count": len(rows)}


def rules_for_event(*, organisation: Organisation, event: str) -> list[CommunicationRule]:
    """The active communication rules an event in a case of `organisation` triggers.

    The unique constraint on (organisation, event, recipient, channel) makes every
    (recipient, channel) pair appear at most once, so a caller that delivers each
    rule once informs each recipient once per channel. Before delivering to a
    recipient outside the case team, check the consent `rule_consent_purpose` names.
    """
    if event not in Event.values:
        raise ValueError(f"Unknown event {event!r}.")
    return list(
        CommunicationRule.objects.filter(organisation=organisation, event=event, active=True)
        .select_related("template")
        .order_by("recipient", "channel")
    )


def rule_consent_purpose(rule: CommunicationRule) -> str | None:
    """The consent purpose that must be active in the case before this rule may deliver (None: none)."""
    return CONSENT_PURPOSE_FOR_PARTY.get(rule.recipient)


def knowledge_pages_in_playbook(*, user: Any) -> QuerySet[KnowledgePage]:
    return visible_to(user, KnowledgePage).filter(in_playbook=True)


# --- office hours -----------------------------------------------------------------------------


def sessions_for(*, user: Any) -> QuerySet[OfficeHourSession]:
    return visible_to(user, OfficeHourSession).select_related("host")


def public_sessions(*, organisation_id: Any, now: datetime) -> QuerySet[OfficeHourSession]:
    """Upcoming sessions anyone may see and sign up for."""
    return OfficeHourSession.objects.filter(organisation_id=organisation_id, starts_at__gt=now).select_related(
        "host", "organisation"
    )


def public_session_get(*, pk: Any) -> OfficeHourSession:
    try:
        return OfficeHourSession.objects.select_related("host", "organisation").get(pk=pk)
    except OfficeHourSession.DoesNotExist as exc:
        raise Http404 from exc


def session_signups(
    *, user: Any, session: OfficeHourSession, request: HttpRequest | None = None
) -> list[OfficeHourSignup]:
    """Active, confirmed sign-ups of a session, for the host's list. Reading e-mail addresses is logged."""
    signups = list(
        visible_to(user, OfficeHourSignup)
        .filter(session=session, cancelled_at__isnull=True, confirmed_at__isnull=False)
        .order_by("created_at")
    )
    access_log_write(user=user, action="read", object_type="office_hour_signups", object_id=session.pk, request=request)
    return signups


def interview_get(*, user: Any, pk: Any, request: HttpRequest | None = None) -> Interview:
    """One interview record; its notes may name people, so the read is logged."""
    interview = get_visible(user, Interview, pk, visible_to(user, Interview).select_related("interviewer"))
    access_log_write(user=user, action="read", object_type="cm_interview", object_id=interview.pk, request=request)
    return interview
