"""State changes of implementation projects, stakeholders and the resource map."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.introduce.models import ImplementationProject, ResourceEntry, Stakeholder
from reintegra.introduce.permissions import require_editor
from reintegra.introduce.services._base import create_object, delete_object, update_object

PROJECT_FIELDS = ("title", "unit", "understanding", "scope", "scope_note", "started_on")
STAKEHOLDER_FIELDS = ("name", "function", "level", "status", "unit", "note")
RESOURCE_FIELDS = ("kind", "title", "description", "phase", "unit")


def _check_one_project(*, organisation_id: Any, unit: Any, exclude: Any = None) -> None:
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
def project_create(*, actor: User, data: dict[str, Any]) -> ImplementationProject:
    organisation_id = require_editor(actor)
    _check_one_project(organisation_id=organisation_id, unit=data.get("unit"))
    project = ImplementationProject(organisation_id=organisation_id)
    create_object(project, organisation_id=organisation_id, data=data, fields=PROJECT_FIELDS)
    if "participating_units" in data:
        project.participating_units.set(data["participating_units"])
    return project


@transaction.atomic
def project_update(
    *, actor: User, project: ImplementationProject, data: dict[str, Any], version: int
) -> ImplementationProject:
    require_editor(actor, project)
    if "unit" in data:
        _check_one_project(organisation_id=project.organisation_id, unit=data["unit"], exclude=project.pk)
    update_object(project, organisation_id=project.organisation_id, data=data, fields=PROJECT_FIELDS, version=version)
    if "participating_units" in data:
        project.participating_units.set(data["participating_units"])
    return project


@transaction.atomic
def stakeholder_create(*, actor: User, project: ImplementationProject, data: dict[str, Any]) -> Stakeholder:
    require_editor(actor, project)
    return create_object(
        Stakeholder(project=project), organisation_id=project.organisation_id, data=data, fields=STAKEHOLDER_FIELDS
    )


@transaction.atomic
def stakeholder_update(*, actor: User, stakeholder: Stakeholder, data: dict[str, Any], version: int) -> Stakeholder:
    require_editor(actor, stakeholder)
    return update_object(
        stakeholder,
        organisation_id=stakeholder.project.organisation_id,
        data=data,
        fields=STAKEHOLDER_FIELDS,
        version=version,
    )


@transaction.atomic
def stakeholder_delete(*, actor: User, stakeholder: Stakeholder) -> None:
    require_editor(actor, stakeholder)
    delete_object(stakeholder)


@transaction.atomic
def resource_create(*, actor: User, project: ImplementationProject, data: dict[str, Any]) -> ResourceEntry:
    require_editor(actor, project)
    return create_object(
        ResourceEntry(project=project, created_by=actor),
        organisation_id=project.organisation_id,
        data=data,
        fields=RESOURCE_FIELDS,
    )


@transaction.atomic
def resource_update(*, actor: User, resource: ResourceEntry, data: dict[str, Any], version: int) -> ResourceEntry:
    require_editor(actor, resource)
    return update_object(
        resource, organisation_id=resource.project.organisation_id, data=data, fields=RESOURCE_FIELDS, version=version
    )


@transaction.atomic
def resource_delete(*, actor: User, resource: ResourceEntry) -> None:
    require_editor(actor, resource)
    delete_object(resource)
