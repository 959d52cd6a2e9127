"""State changes of the playbook: RACI rows, document templates, communication rules, knowledge pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.introduce.models import CommunicationRule, DocumentTemplate, KnowledgePage, RaciRow
from reintegra.introduce.permissions import require_editor
from reintegra.introduce.services._base import create_object, delete_object, update_object

RACI_FIELDS = ("phase", "activity", "assignments", "position")
TEMPLATE_FIELDS = ("kind", "language", "title", "subject", "body", "aims", "data_collected")
RULE_FIELDS = ("event", "recipient", "channel", "template", "active", "note")
KNOWLEDGE_FIELDS = ("title", "body", "in_playbook", "position")


@transaction.atomic
def raci_row_create(*, actor: User, data: dict[str, Any]) -> RaciRow:
    organisation_id = require_editor(actor)
    row = RaciRow(organisation_id=organisation_id)
    return create_object(row, organisation_id=organisation_id, data=data, fields=RACI_FIELDS)


@transaction.atomic
def raci_row_update(*, actor: User, row: RaciRow, data: dict[str, Any], version: int) -> RaciRow:
    require_editor(actor, row)
    return update_object(row, organisation_id=row.organisation_id, data=data, fields=RACI_FIELDS, version=version)


@transaction.atomic
def raci_row_delete(*, actor: User, row: RaciRow) -> None:
    require_editor(actor, row)
    delete_object(row)


@transaction.atomic
def template_create(*, actor: User, data: dict[str, Any]) -> DocumentTemplate:
    organisation_id = require_editor(actor)
    template = DocumentTemplate(organisation_id=organisation_id)
    return create_object(template, organisation_id=organisation_id, data=data, fields=TEMPLATE_FIELDS)


@transaction.atomic
def template_update(*, actor: User, template: DocumentTemplate, data: dict[str, Any], version: int) -> DocumentTemplate:
    require_editor(actor, template)
    return update_object(
        template, organisation_id=template.organisation_id, data=data, fields=TEMPLATE_FIELDS, version=version
    )


@transaction.atomic
def template_delete(*, actor: User, template: DocumentTemplate) -> None:
    require_editor(actor, template)
    delete_object(template)


def _check_rule_unique(*, organisation_id: Any, data: dict[str, Any], rule: CommunicationRule | None) -> None:
    key = {name: data.get(name, getattr(rule, name, None)) for name in ("event", "recipient", "channel")}
    clash = CommunicationRule.objects.filter(organisation_id=organisation_id, **key)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise ValidationError(
            {"event": [_("A rule for this event, recipient and channel exists already. Change that rule instead.")]}
        )


@transaction.atomic
def rule_create(*, actor: User, data: dict[str, Any]) -> CommunicationRule:
    organisation_id = require_editor(actor)
    _check_rule_unique(organisation_id=organisation_id, data=data, rule=None)
    rule = CommunicationRule(organisation_id=organisation_id)
    return create_object(rule, organisation_id=organisation_id, data=data, fields=RULE_FIELDS)


@transaction.atomic
def rule_update(*, actor: User, rule: CommunicationRule, data: dict[str, Any], version: int) -> CommunicationRule:
    require_editor(actor, rule)
    _check_rule_unique(organisation_id=rule.organisation_id, data=data, rule=rule)
    return update_object(rule, organisation_id=rule.organisation_id, data=data, fields=RULE_FIELDS, version=version)


@transaction.atomic
def rule_delete(*, actor: User, rule: CommunicationRule) -> None:
    require_editor(actor, rule)
    delete_object(rule)


@transaction.atomic
def knowledge_page_create(*, actor: User, data: dict[str, Any]) -> KnowledgePage:
    organisation_id = require_editor(actor)
    page = KnowledgePage(organisation_id=organisation_id)
    return create_object(page, organisation_id=organisation_id, data=data, fields=KNOWLEDGE_FIELDS)


@transaction.atomic
def knowledge_page_update(*, actor: User, page: KnowledgePage, data: dict[str, Any], version: int) -> KnowledgePage:
    require_editor(actor, page)
    return update_object(
        page, organisation_id=page.organisation_id, data=data, fields=KNOWLEDGE_FIELDS, version=version
    )


@transaction.atomic
def knowledge_page_delete(*, actor: User, page: KnowledgePage) -> None:
    require_editor(actor, page)
    delete_object(page)
