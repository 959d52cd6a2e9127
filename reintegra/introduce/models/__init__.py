"""Models of the introduce app, one module per part: project, SOAR, 4-D inquiry, playbook, office hours."""

from reintegra.introduce.models.choices import (
    CONSENT_PURPOSE_FOR_PARTY,
    ActionStatus,
    Channel,
    CyclePhase,
    Event,
    Language,
    Level,
    Party,
    Quadrant,
    Raci,
    ResourceKind,
    Scope,
    Stage,
    StageStatus,
    StakeholderStatus,
    StatementKind,
    TemplateKind,
)
from reintegra.introduce.models.inquiry import ActionItem, Interview, InterviewQuestion, Statement
from reintegra.introduce.models.office_hours import OfficeHourSession, OfficeHourSignup
from reintegra.introduce.models.playbook import CommunicationRule, DocumentTemplate, KnowledgePage, RaciRow
from reintegra.introduce.models.project import ImplementationProject, ResourceEntry, Stakeholder
from reintegra.introduce.models.soar import SoarItem, SoarVote

__all__ = [
    "CONSENT_PURPOSE_FOR_PARTY",
    "ActionItem",
    "ActionStatus",
    "Channel",
    "CommunicationRule",
    "CyclePhase",
    "DocumentTemplate",
    "Event",
    "ImplementationProject",
    "Interview",
    "InterviewQuestion",
    "KnowledgePage",
    "Language",
    "Level",
    "OfficeHourSession",
    "OfficeHourSignup",
    "Party",
    "Quadrant",
    "Raci",
    "RaciRow",
    "ResourceEntry",
    "ResourceKind",
    "Scope",
    "SoarItem",
    "SoarVote",
    "Stage",
    "StageStatus",
    "Stakeholder",
    "StakeholderStatus",
    "Statement",
    "StatementKind",
    "TemplateKind",
]
