"""State changes of the service directory. Only directory staff of the same organisation."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NotRequired, TypedDict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.core.permissions import require
from reintegra.core.services import check_version, save_with_version
from reintegra.network.models import Offer, Provider
from reintegra.network.permissions import can_change_directory

NOT_YOURS = "You are not allowed to change this organisation's service directory."


class ProviderInput(TypedDict):
    """A new directory entry (validated by the model's `full_clean` in the service)."""

    name: str
    category: str
    region: NotRequired[str]
    contact_person: NotRequired[str]
    email: NotRequired[str]
    phone: NotRequired[str]
    website: NotRequired[str]
    address: NotRequired[str]
    description: NotRequired[str]
    language: NotRequired[str]
    active: NotRequired[bool]


class ProviderChanges(TypedDict, total=False):
    """What a provider update changes (PATCH: absent keys stay as they are)."""

    name: str
    category: str
    region: str
    contact_person: str
    email: str
    phone: str
    website: str
    address: str
    description: str
    language: str
    active: bool


class OfferChanges(TypedDict, total=False):
    """What an offer update changes (PATCH: absent keys stay; `price: None` removes the price)."""

    title: str
    description: str
    price: Decimal | None
    unit: str
    cost_note: str


PROVIDER_FIELDS = frozenset(
    {
        "name",
        "category",
        "region",
        "contact_person",
        "email",
        "phone",
        "website",
        "address",
        "description",
        "language",
        "active",
    }
)
OFFER_FIELDS = frozenset({"title", "description", "price", "unit", "cost_note"})


def _duplicate_name_error() -> ValidationError:
    return ValidationError({"name": [_("A provider with this name is already in the directory. Choose another name.")]})


def _check_name_free(provider: Provider) -> None:
    """Names are unique per organisation (case-insensitive here, exact in the database)."""
    taken = (
        Provider.objects.filter(organisation_id=provider.organisation_id, name__iexact=provider.name.strip())
        .exclude(pk=provider.pk)
        .exists()
    )
    if taken:
        raise _duplicate_name_error()


def _apply(obj: Any, data: Mapping[str, Any], allowed: frozenset[str]) -> list[str]:
    """Set the allowed fields that differ; return their names. Unknown keys are a programming error."""
    unknown = set(data) - allowed
    if unknown:
        raise TypeError(f"Fields that cannot be changed: {sorted(unknown)}")
    changed = []
    for field, value in data.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed.append(field)
    return changed


@transaction.atomic
def provider_create(*, actor: User, data: ProviderInput) -> Provider:
    """Add a provider to the actor's organisation's directory."""
    organisation = actor.organisation
    require(can_change_directory(actor, organisation), NOT_YOURS)
    provider = Provider(organisation=organisation)
    _apply(provider, data, PROVIDER_FIELDS)
    _check_name_free(provider)
    provider.full_clean(validate_constraints=False)
    try:
        provider.save()
    except IntegrityError as error:  # a concurrent create with the same name won the race
        raise _duplicate_name_error() from error
    return provider


@transaction.atomic
def provider_update(*, actor: User, provider: Provider, version: int, changes: ProviderChanges) -> Provider:
    """Change a provider's fields; a stale `version` raises Conflict and changes nothing."""
    require(can_change_directory(actor, provider.organisation), NOT_YOURS)
    changed = _apply(provider, changes, PROVIDER_FIELDS)
    if not changed:
        check_version(provider, version)
        return provider
    if "name" in changed:
        _check_name_free(provider)
    provider.full_clean(validate_constraints=False)
    try:
        save_with_version(provider, update_fields=changed, expected_version=version)
    except IntegrityError as error:
        raise _duplicate_name_error() from error
    return provider


@transaction.atomic
def offer_create(
    *,
    actor: User,
    provider: Provider,
    title: str,
    description: str = "",
    price: Decimal | None = None,
    unit: str = "",
    cost_note: str = "",
) -> Offer:
    """Add an offer to a provider."""
    require(can_change_directory(actor, provider.organisation), NOT_YOURS)
    offer = Offer(provider=provider)
    _apply(
        offer,
        {"title": title, "description": description, "price": price, "unit": unit, "cost_note": cost_note},
        OFFER_FIELDS,
    )
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def offer_update(*, actor: User, offer: Offer, version: int, changes: OfferChanges) -> Offer:
    """Change an offer; a stale `version` raises Conflict and changes nothing."""
    require(can_change_directory(actor, offer.provider.organisation), NOT_YOURS)
    changed = _apply(offer, changes, OFFER_FIELDS)
    if not changed:
        check_version(offer, version)
        return offer
    offer.full_clean()
    save_with_version(offer, update_fields=changed, expected_version=version)
    return offer


@transaction.atomic
def offer_delete(*, actor: User, offer: Offer) -> None:
    """Remove an offer from the directory."""
    require(can_change_directory(actor, offer.provider.organisation), NOT_YOURS)
    offer.delete()
