"""The organisation's own settings, changed by its admin (no Django admin needed)."""

import io
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from reintegra.accounts.models import Organisation, User
from reintegra.core.permissions import require
from reintegra.staff.models import AdminActionKind
from reintegra.staff.permissions import can_administer_staff
from reintegra.staff.services.common import REFUSED, action_record

SETTINGS = (
    "name",
    "slug",
    "currency",
    "timezone",
    "case_managers_see_unit",
    "require_second_factor",
    "postal_address",
    "place",
)
LOGO_MAX_BYTES = 512 * 1024
LOGO_FORMATS = {"PNG", "JPEG"}


def logo_check(data: bytes) -> bytes:
    """The logo as given when it is a PNG or JPEG image of at most 512 KB; ValidationError on `logo` otherwise."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError({"logo": [_("The logo may be at most 512 KB.")]})
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    if kind not in LOGO_FORMATS:
        raise ValidationError({"logo": [_("Upload the logo as a PNG or JPEG image.")]})
    return data


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, changes: dict[str, Any], request: Any = None
) -> Organisation:
    """Change the settings named in `changes` (name, public short name, currency, time zone, whether case
    managers see their unit's cases, whether staff must use a second factor, the letterhead's postal
    address and place; `logo`: PNG/JPEG bytes, or None to remove it)."""
    require(can_administer_staff(actor) and actor.organisation_id == organisation.pk, REFUSED)
    unknown = sorted(set(changes) - {*SETTINGS, "logo"})
    if unknown:
        raise ValidationError({field: [_("This setting cannot be changed here.")] for field in unknown})
    if "timezone" in changes and changes["timezone"] not in zoneinfo.available_timezones():
        raise ValidationError({"timezone": [_("Choose a time zone such as Europe/Zurich.")]})
    if changes.get("logo"):
        changes = {**changes, "logo": logo_check(bytes(changes["logo"]))}
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = [field for field in SETTINGS if field in changes and getattr(locked, field) != changes[field]]
    if "logo" in changes and (bytes(locked.logo) if locked.logo else None) != (changes["logo"] or None):
        changed.append("logo")
    for field in changed:
        setattr(locked, field, changes[field] or None if field == "logo" else changes[field])
    if changed:
        locked.full_clean()
        locked.save(update_fields=[*changed, "updated_at"])
        action_record(
            actor=actor,
            organisation=locked,
            kind=AdminActionKind.ORGANISATION_CHANGE,
            data={field: "changed" for field in changed},
            request=request,
            object_type="organisation",
        )
    return locked
