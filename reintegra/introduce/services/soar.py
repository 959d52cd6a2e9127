"""State changes of the SOAR analysis: every staff member adds and votes; authors and editors edit."""

from typing import Any

from django.db import IntegrityError, transaction

from reintegra.accounts.models import User
from reintegra.core.exceptions import PermissionDenied
from reintegra.introduce.models import ImplementationProject, SoarItem, SoarVote
from reintegra.introduce.permissions import may_change_soar_item, require_member
from reintegra.introduce.services._base import create_object, delete_object, update_object

SOAR_FIELDS = ("quadrant", "text")


def _require_change(actor: User, item: SoarItem) -> None:
    require_member(actor, item)
    if not may_change_soar_item(actor, item):
        raise PermissionDenied("Only the author, a team lead or an organisation admin may change this item.")


@transaction.atomic
def soar_item_create(*, actor: User, project: ImplementationProject, data: dict[str, Any]) -> SoarItem:
    require_member(actor, project)
    return create_object(
        SoarItem(project=project, author=actor), organisation_id=project.organisation_id, data=data, fields=SOAR_FIELDS
    )


@transaction.atomic
def soar_item_update(*, actor: User, item: SoarItem, data: dict[str, Any], version: int) -> SoarItem:
    _require_change(actor, item)
    return update_object(
        item, organisation_id=item.project.organisation_id, data=data, fields=SOAR_FIELDS, version=version
    )


@transaction.atomic
def soar_item_delete(*, actor: User, item: SoarItem) -> None:
    _require_change(actor, item)
    delete_object(item)


@transaction.atomic
def soar_item_vote_toggle(*, actor: User, item: SoarItem) -> bool:
    """Vote for `item`, or take the vote back if there is one. Returns whether the actor now votes.

    Delete-or-insert rather than check-then-act; the unique constraint settles a
    race between two clicks of the same person.
    """
    require_member(actor, item)
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
