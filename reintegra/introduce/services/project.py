"""State changes of implementation projects, stakeholders and the resource map."""

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Unit, User
from reintegra.core.permissions import require
from reintegra.introduce.models import ImplementationProject, ResourceEntry, Scope, Stakeholder
from reintegra.introduce.permissions import EDITORS_ONLY, can_edit_introduction
from reintegra.introduce.services._base import (
    Payload,
    create_object,
    delete_object,
    organisation_id_of_actor,
    update_object,
)


@dataclass(frozen=True, kw_only=True)
class ProjectData(Payload):
    many = frozenset({"participating_units"})

    title: str
    unit: Unit | None = None
    understanding: str = ""
    scope: str = Scope.PILOT
    scope_note: str = ""
    participating_units: list[Unit] = field(default_factory=list)
    started_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class StakeholderData(Payload):
    name: str
    function: str = ""
    level: str
    status: str
    unit: Unit | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ResourceData(Payload):
    kind: str
    title: str
    description: str = ""
    phase: str
    unit: Unit | None = None


def _check_one_project(*, organisation_id: UUID, unit: Unit | None, exclude: UUID | None = None) -> None:
    clash = ImplementationProject.objects.filter(organisation_id=organisation_id, unit=unit)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        message = (
            _("There is already a project for this unit.")
            if unit is not None
            else _("There is already a project for the whole organisation.")
        )
        raise ValidationError({"unit": [message]})


@transaction.atomic
def project_create(*, actor: User, data: ProjectData) -> ImplementationProject:
    require(can_edit_introduction(actor), EDITORS_ONLY)
    organisation_id = organisation_id_of_actor(actor)
    _check_one_project(organisation_id=organisation_id, unit=data.unit)
    project = create_object(
        ImplementationProject(organisation_id=organisation_id), organisation_id=organisation_id, data=data
    )
    project.participating_units.set(data.participating_units)
    return project


@transaction.atomic
def project_update(
    *, actor: User, project: ImplementationProject, data: ProjectData, version: int | None
) -> ImplementationProject:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    _check_one_project(organisation_id=project.organisation_id, unit=data.unit, exclude=project.pk)
    update_object(project, organisation_id=project.organisation_id, data=data, version=version)
    project.participating_units.set(data.participating_units)
    return project


@transaction.atomic
def stakeholder_create(*, actor: User, project: ImplementationProject, data: StakeholderData) -> Stakeholder:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    return create_object(Stakeholder(project=project), organisation_id=project.organisation_id, data=data)


@transaction.atomic
def stakeholder_update(
    *, actor: User, stakeholder: Stakeholder, data: StakeholderData, version: int | None
) -> Stakeholder:
    require(can_edit_introduction(actor, stakeholder), EDITORS_ONLY)
    return update_object(stakeholder, organisation_id=stakeholder.project.organisation_id, data=data, version=version)


@transaction.atomic
def stakeholder_delete(*, actor: User, stakeholder: Stakeholder) -> None:
    require(can_edit_introduction(actor, stakeholder), EDITORS_ONLY)
    delete_object(stakeholder)


@transaction.atomic
def resource_create(*, actor: User, project: ImplementationProject, data: ResourceData) -> ResourceEntry:
    require(can_edit_introduction(actor, project), EDITORS_ONLY)
    return create_object(
        ResourceEntry(project=project, created_by=actor), organisation_id=project.organisation_id, data=data
    )


@transaction.atomic
def resource_update(*, actor: User, resource: ResourceEntry, data: ResourceData, version: int | None) -> ResourceEntry:
    require(can_edit_introduction(actor, resource), EDITORS_ONLY)
    return update_object(resource, organisation_id=resource.project.organisation_id, data=data, version=version)


@transaction.atomic
def resource_delete(*, actor: User, resource: ResourceEntry) -> None:
    require(can_edit_introduction(actor, resource), EDITORS_ONLY)
    delete_object(resource)
