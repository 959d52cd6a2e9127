"""Small helpers that every app's services share."""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.core.exceptions import Conflict, ConflictCode
from reintegra.core.models import BaseModel


def check_version(obj: BaseModel, submitted_version: int | None) -> None:
    """Refuse an update based on a stale version (the API answers 409)."""
    if submitted_version is None:
        return
    if int(submitted_version) != obj.version:
        raise Conflict(
            _(
                "This record was changed by someone else in the meantime. "
                "Stored version %(stored)s, submitted version %(submitted)s."
            )
            % {"stored": obj.version, "submitted": submitted_version},
            code=ConflictCode.STALE_VERSION,
            stored=obj.version,
            submitted=submitted_version,
        )


def save_with_version(obj: BaseModel, *, update_fields: list[str], expected_version: int) -> None:
    """Save `update_fields` only if the row still has `expected_version`, and bump it.

    A conditional UPDATE, not check-then-act: two concurrent editors cannot both win. It sends
    no signal and maintains nothing else: call it only inside a service, which for case data
    ends in `cases.services.common.event_record` (the last activity and the stored checklist
    state are kept there).
    """
    model = type(obj)
    values = {field: getattr(obj, field) for field in update_fields}
    obj.updated_at = values["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated == 0:
        stored = model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise Conflict(
            _("This record was changed by someone else in the meantime."),
            code=ConflictCode.STALE_VERSION,
            stored=stored,
            submitted=expected_version,
        )
    obj.version = expected_version + 1
