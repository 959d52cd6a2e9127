"""Shared steps of the app's services: apply fields, check the organisation, validate, save."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _

from reintegra.core.models import BaseModel
from reintegra.core.services import check_version, save_with_version

M = TypeVar("M", bound=BaseModel)

# Fields that point at objects which must belong to the same organisation.
SCOPED_FIELDS = ("unit", "owner", "interviewer", "host", "template")


def check_same_organisation(data: dict[str, Any], organisation_id: Any) -> None:
    errors: dict[str, list[str]] = {}
    for field in SCOPED_FIELDS:
        value = data.get(field)
        if value is not None and getattr(value, "organisation_id", None) != organisation_id:
            errors[field] = [_("Choose one of your organisation's entries.")]
    units: Iterable[Model] = data.get("participating_units") or []
    if any(getattr(unit, "organisation_id", None) != organisation_id for unit in units):
        errors["participating_units"] = [_("Choose units of your organisation.")]
    if errors:
        raise ValidationError(errors)


@contextmanager
def _clash_is_invalid() -> Iterator[None]:
    """A unique constraint hit by a concurrent request is bad input (400), not a server error (500).

    The checks before saving give the precise message; this only covers the race between them.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError(
            _("This entry clashes with one that was saved a moment ago. Check and try again.")
        ) from exc


def create_object(obj: M, *, organisation_id: Any, data: dict[str, Any], fields: Iterable[str]) -> M:
    """Fill `obj` from `data` (only `fields`), check the organisation, validate and insert."""
    for field in fields:
        if field in data:
            setattr(obj, field, data[field])
    check_same_organisation(data, organisation_id)
    obj.full_clean()
    with _clash_is_invalid():
        obj.save()
    return obj


def update_object(obj: M, *, organisation_id: Any, data: dict[str, Any], fields: Iterable[str], version: int) -> M:
    """Apply the submitted `fields`, validate, and save only if nobody changed `obj` since `version`."""
    check_version(obj, version)
    changed = [field for field in fields if field in data]
    for field in changed:
        setattr(obj, field, data[field])
    check_same_organisation(data, organisation_id)
    obj.full_clean()
    with _clash_is_invalid():
        save_with_version(obj, update_fields=changed, expected_version=version)
    return obj


def delete_object(obj: Model) -> None:
    try:
        obj.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("This entry is still in use (for example by a communication rule). Change those first.")
        ) from exc
