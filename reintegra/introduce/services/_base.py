"""Shared steps of the app's services: typed inputs, the organisation check, validate, save.

Every entity's service takes one frozen dataclass (a `Payload`) with the entity's editable
fields. Create builds it from the submitted values; update starts from the stored values
(`Payload.of(obj)`) and replaces what was submitted, so a partial API PATCH and a full form
post reach the service in the same shape. The values themselves are validated once, by the
model's `full_clean` (and by the few cross-row checks in the services).
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, fields, replace
from typing import Any, ClassVar, Self, TypeVar
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.accounts.selectors import staff_members
from reintegra.core.exceptions import InvalidInput, PermissionDenied
from reintegra.core.models import BaseModel
from reintegra.core.services import check_version, save_with_version
from reintegra.introduce.permissions import MEMBERS_ONLY

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, kw_only=True)
class Payload:
    """The editable fields of one entity, as a service receives them."""

    # Many-to-many fields: not set on the instance but written after it is saved.
    many: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def of(cls, obj: Model) -> Self:
        """The stored values of `obj`: the base an update replaces the submitted values in."""
        values = {
            field.name: list(getattr(obj, field.name).all()) if field.name in cls.many else getattr(obj, field.name)
            for field in fields(cls)
        }
        return cls(**values)

    @classmethod
    def build(cls, values: Mapping[str, Any], *, base: Self | None = None) -> Self:
        """A payload from validated form or serializer data; keys that are no field (`version`) are ignored.

        Without `base`, a field with no default that is not in `values` is bad input (400 naming it).
        """
        names = {field.name for field in fields(cls)}
        # A form's many-to-many choice is a queryset; the payload holds the chosen objects.
        given = {
            name: list(value) if isinstance(value, QuerySet) else value
            for name, value in values.items()
            if name in names
        }
        if base is not None:
            return replace(base, **given)
        missing = [
            field.name
            for field in fields(cls)
            if field.name not in given and field.default is MISSING and field.default_factory is MISSING
        ]
        if missing:
            raise InvalidInput({name: [_("This field is required.")] for name in missing})
        return cls(**given)

    def model_values(self) -> dict[str, Any]:
        """The fields set on the model instance (everything but the many-to-many fields)."""
        return {field.name: getattr(self, field.name) for field in fields(self) if field.name not in self.many}

    def referenced(self) -> Iterator[tuple[str, Model]]:
        """Every object the payload points at, with the field that names it."""
        for field in fields(self):
            value = getattr(self, field.name)
            for item in value if isinstance(value, list | tuple) else [value]:
                if isinstance(item, Model):
                    yield field.name, item


def organisation_id_of_actor(actor: User) -> UUID:
    """The actor's organisation, where a service creates something for it (after the permission check)."""
    if actor.organisation_id is None:  # the predicates refuse such people already; this keeps mypy honest
        raise PermissionDenied(MEMBERS_ONLY)
    return actor.organisation_id


def check_same_organisation(data: Payload, organisation_id: Any) -> None:
    """Units, people and templates a payload points at must belong to the same organisation."""
    errors: dict[str, list[str]] = {}
    for name, obj in data.referenced():
        if getattr(obj, "organisation_id", None) != organisation_id:
            errors[name] = [_("Choose one of your organisation's entries.")]
        elif isinstance(obj, User) and not staff_members(organisation_id=organisation_id).filter(pk=obj.pk).exists():
            # people named here are staff: a client or employer portal account is never offered
            errors[name] = [_("Choose a member of staff of your organisation.")]
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


def create_object(obj: M, *, organisation_id: Any, data: Payload) -> M:
    """Fill `obj` from `data`, check the organisation, validate and insert."""
    for name, value in data.model_values().items():
        setattr(obj, name, value)
    check_same_organisation(data, organisation_id)
    obj.full_clean()
    with _clash_is_invalid():
        obj.save()
    return obj


def update_object(obj: M, *, organisation_id: Any, data: Payload, version: int | None) -> M:
    """Apply `data`, validate, and save only if nobody changed `obj` since `version`."""
    check_version(obj, version)
    values = data.model_values()
    for name, value in values.items():
        setattr(obj, name, value)
    check_same_organisation(data, organisation_id)
    obj.full_clean()
    with _clash_is_invalid():
        save_with_version(obj, update_fields=list(values), expected_version=obj.version)
    return obj


def delete_object(obj: Model) -> None:
    try:
        obj.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("This entry is still in use (for example by a communication rule). Change those first.")
        ) from exc
