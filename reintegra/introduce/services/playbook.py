"""State changes of the playbook: RACI rows, document templates, communication rules, knowledge pages."""

from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.core.permissions import require
from reintegra.introduce.models import CommunicationRule, DocumentTemplate, KnowledgePage, Language, RaciRow
from reintegra.introduce.permissions import EDITORS_ONLY, can_edit_introduction
from reintegra.introduce.services._base import (
    Payload,
    create_object,
    delete_object,
    organisation_id_of_actor,
    update_object,
)


@dataclass(frozen=True, kw_only=True)
class RaciRowData(Payload):
    phase: str
    activity: str
    # Party key → "R", "A", "C" or "I"; `RaciRow.clean` checks the keys, the letters and the one A.
    assignments: dict[str, str] = field(default_factory=dict)
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class TemplateData(Payload):
    kind: str
    language: str = Language.DE
    title: str
    subject: str = ""
    body: str
    aims: str = ""
    data_collected: str = ""


@dataclass(frozen=True, kw_only=True)
class RuleData(Payload):
    event: str
    recipient: str
    channel: str
    template: DocumentTemplate
    active: bool = True
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class KnowledgePageData(Payload):
    title: str
    body: str = ""
    in_playbook: bool = True
    position: int = 0


@transaction.atomic
def raci_row_create(*, actor: User, data: RaciRowData) -> RaciRow:
    require(can_edit_introduction(actor), EDITORS_ONLY)
    organisation_id = organisation_id_of_actor(actor)
    row = RaciRow(organisation_id=organisation_id)
    return create_object(row, organisation_id=organisation_id, data=data)


@transaction.atomic
def raci_row_update(*, actor: User, row: RaciRow, data: RaciRowData, version: int | None) -> RaciRow:
    require(can_edit_introduction(actor, row), EDITORS_ONLY)
    return update_object(row, organisation_id=row.organisation_id, data=data, version=version)


@transaction.atomic
def raci_row_delete(*, actor: User, row: RaciRow) -> None:
    require(can_edit_introduction(actor, row), EDITORS_ONLY)
    delete_object(row)


@transaction.atomic
def template_create(*, actor: User, data: TemplateData) -> DocumentTemplate:
    require(can_edit_introduction(actor), EDITORS_ONLY)
    organisation_id = organisation_id_of_actor(actor)
    template = DocumentTemplate(organisation_id=organisation_id)
    return create_object(template, organisation_id=organisation_id, data=data)


@transaction.atomic
def template_update(
    *, actor: User, template: DocumentTemplate, data: TemplateData, version: int | None
) -> DocumentTemplate:
    require(can_edit_introduction(actor, template), EDITORS_ONLY)
    return update_object(template, organisation_id=template.organisation_id, data=data, version=version)


@transaction.atomic
def template_delete(*, actor: User, template: DocumentTemplate) -> None:
    require(can_edit_introduction(actor, template), EDITORS_ONLY)
    delete_object(template)


def _check_rule_unique(*, organisation_id: UUID, data: RuleData, rule: CommunicationRule | None) -> None:
    clash = CommunicationRule.objects.filter(
        organisation_id=organisation_id, event=data.event, recipient=data.recipient, channel=data.channel
    )
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
    if clash.exists():
        raise ValidationError(
            {"event": [_("A rule for this event, recipient and channel exists already. Change that rule instead.")]}
        )


@transaction.atomic
def rule_create(*, actor: User, data: RuleData) -> CommunicationRule:
    require(can_edit_introduction(actor), EDITORS_ONLY)
    organisation_id = organisation_id_of_actor(actor)
    _check_rule_unique(organisation_id=organisation_id, data=data, rule=None)
    rule = CommunicationRule(organisation_id=organisation_id)
    return create_object(rule, organisation_id=organisation_id, data=data)


@transaction.atomic
def rule_update(*, actor: User, rule: CommunicationRule, data: RuleData, version: int | None) -> CommunicationRule:
    require(can_edit_introduction(actor, rule), EDITORS_ONLY)
    _check_rule_unique(organisation_id=rule.organisation_id, data=data, rule=rule)
    return update_object(rule, organisation_id=rule.organisation_id, data=data, version=version)


@transaction.atomic
def rule_delete(*, actor: User, rule: CommunicationRule) -> None:
    require(can_edit_introduction(actor, rule), EDITORS_ONLY)
    delete_object(rule)


@transaction.atomic
def knowledge_page_create(*, actor: User, data: KnowledgePageData) -> KnowledgePage:
    require(can_edit_introduction(actor), EDITORS_ONLY)
    organisation_id = organisation_id_of_actor(actor)
    page = KnowledgePage(organisation_id=organisation_id)
    return create_object(page, organisation_id=organisation_id, data=data)


@transaction.atomic
def knowledge_page_update(
    *, actor: User, page: KnowledgePage, data: KnowledgePageData, version: int | None
) -> KnowledgePage:
    require(can_edit_introduction(actor, page), EDITORS_ONLY)
    return update_object(page, organisation_id=page.organisation_id, data=data, version=version)


@transaction.atomic
def knowledge_page_delete(*, actor: User, page: KnowledgePage) -> None:
    require(can_edit_introduction(actor, page), EDITORS_ONLY)
    delete_object(page)
