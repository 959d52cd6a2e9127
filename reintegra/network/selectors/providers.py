"""Reads of the service directory, always scoped to the reader's organisation."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.network.models import Offer, Provider


def _visible_providers(user: Any) -> QuerySet[Provider]:
    return (
        Provider.objects.visible_to(user)
        .select_related("organisation")
        .prefetch_related(Prefetch("offers", queryset=Offer.objects.order_by("title", "id")))
    )


def provider_list(
    *,
    user: Any,
    q: str | None = None,
    category: str | None = None,
    region: str | None = None,
    active: bool | None = None,
) -> QuerySet[Provider]:
    """Providers the user may see, ordered by name, with their offers prefetched.

    `q` matches case-insensitively in the name, description, region and offer titles;
    `category` and `region` (case-insensitive) match exactly.
    """
    providers = _visible_providers(user)
    q = (q or "").strip()
    if q:
        offer_matches = Offer.objects.filter(provider=OuterRef("pk"), title__icontains=q)
        providers = providers.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(region__icontains=q) | Q(Exists(offer_matches))
        )
    if category:
        providers = providers.filter(category=category)
    if region and region.strip():
        providers = providers.filter(region__iexact=region.strip())
    if active is not None:
        providers = providers.filter(active=active)
    return providers.order_by("name", "id")


def provider_get(*, user: Any, provider_id: uuid.UUID | str) -> Provider:
    """One provider with its offers; 404 when missing or not the user's organisation."""
    try:
        return _visible_providers(user).get(pk=provider_id)
    except (Provider.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404(_("No such provider.")) from error


def provider_regions(*, user: Any) -> list[str]:
    """The distinct regions of the user's directory, for the region filter."""
    regions = (
        Provider.objects.visible_to(user)
        .exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )
    return list(regions)


def provider_options(*, user: Any) -> QuerySet[Provider]:
    """Active providers to choose from when planning a measure or making a referral."""
    return Provider.objects.visible_to(user).active().order_by("name", "id")


def offer_get(*, provider: Provider, offer_id: uuid.UUID | str) -> Offer:
    """An offer of a provider the caller already fetched through `provider_get`; 404 otherwise."""
    try:
        return Offer.objects.select_related("provider__organisation").get(pk=offer_id, provider=provider)
    except (Offer.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404(_("No such offer.")) from error
