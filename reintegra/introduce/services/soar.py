"""State changes of the SOAR analysis: every staff member adds and votes; authors and editors edit."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from reintegra.accounts.models import User
from reintegra.core.permissions import require
from reintegra.introduce.models import ImplementationProject, SoarItem, SoarVote
from reintegra.introduce.permissions import (
    MEMBERS_ONLY,
    SOAR_AUTHORS_ONLY,
    can_add_soar_item,
    can_change_soar_item,
    can_vote_soar_item,
)
from reintegra.introduce.services._base import Payload, create_object, delete_object, update_object


@dataclass(frozen=True, kw_only=True)
class SoarItemData(Payload):
    quadrant: str
    text: str


@transaction.atomic
def soar_item_create(*, actor: User, project: ImplementationProject, data: SoarItemData) -> SoarItem:
    require(can_add_soar_item(actor, project), MEMBERS_ONLY)
    return create_object(SoarItem(project=project, author=actor), organisation_id=project.organisation_id, data=data)


@transaction.atomic
def soar_item_update(*, actor: User, item: SoarItem, data: SoarItemData, version: int | None) -> SoarItem:
    require(can_change_soar_item(actor, item), SOAR_AUTHORS_ONLY)
    return update_object(item, organisation_id=item.project.organisation_id, data=data, version=version)


@transaction.atomic
def soar_item_delete(*, actor: User, item: SoarItem) -> None:
    require(can_change_soar_item(actor, item), SOAR_AUTHORS_ONLY)
    delete_object(item)


@transaction.atomic
def soar_item_vote_toggle(*, actor: User, item: SoarItem) -> bool:
    """Vote for `item`, or take the vote back if there is one. Returns whether the actor now votes.

    Delete-or-insert rather than check-then-act; the unique constraint settles a
    race between two clicks of the same person.
    """
    require(can_vote_soar_item(actor, item), MEMBERS_ONLY)
    deleted, _detail = SoarVote.objects.filter(item=item, user=actor).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            SoarVote.objects.create(item=item, user=actor)
    except IntegrityError:
        pass  # a parallel request of the same person has just voted
    return True


def soar_vote_count(item: SoarItem) -> int:
    return SoarVote.objects.filter(item=item).count()
