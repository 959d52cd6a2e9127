"""What every staff-administration service shares: the record of the action and its access-log entry."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from reintegra.accounts.models import Unit, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.staff.models import AdminAction

REFUSED = gettext_noop("Only organisation admins may administer staff and units.")


def action_record(
    *,
    actor: User | None,
    organisation: Any,
    kind: str,
    user: User | None = None,
    unit: Unit | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    request: Any = None,
    object_type: str = "",
) -> AdminAction:
    """Keep what an admin did (with the reason) and write the access log: object `user` or `unit`,
    action `change`, on commit. The reason stays out of the access log (it may name people)."""
    action = AdminAction.objects.create(
        organisation=organisation, actor=actor, user=user, unit=unit, kind=kind, reason=reason, data=data or {}
    )
    target: User | Unit | None = user if user is not None else unit
    if actor is not None:
        access_log_write(
            user=actor,
            action=AccessAction.CHANGE,
            object_type=object_type or ("user" if user is not None else "unit"),
            object_id=target.pk if target is not None else getattr(organisation, "pk", organisation),
            request=request,
            detail=kind,
        )
    return action


def reason_required(reason: str | None, field: str = "reason") -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError({field: [_("Give a reason: it is kept with the action.")]})
    return text
