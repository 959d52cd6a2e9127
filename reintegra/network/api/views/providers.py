"""API of the service directory: thin views over the network selectors and services."""

from typing import Any, cast

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from reintegra.core.api.pagination import cursor_pagination
from reintegra.network.api.permissions import DIRECTORY_PERMISSIONS
from reintegra.network.api.serializers.providers import (
    OfferInputSerializer,
    OfferSerializer,
    OfferUpdateSerializer,
    ProviderFilterSerializer,
    ProviderInputSerializer,
    ProviderSerializer,
    ProviderUpdateSerializer,
)
from reintegra.network.permissions import actor_of
from reintegra.network.selectors import providers as selectors
from reintegra.network.services import providers as services

CONFLICT = OpenApiResponse(description="The submitted `version` is stale; nothing was changed.")
NOT_ALLOWED = OpenApiResponse(description="Visible, but changing the directory is not allowed.")


class ProviderListView(generics.GenericAPIView):
    """The organisation's service directory, ordered by name."""

    # A refused write is told so before its body is read; the detail views look the provider
    # up first (404 for what one cannot see), then their services ask the same predicate.
    permission_classes = DIRECTORY_PERMISSIONS
    # Name first for people; the id breaks ties so that the cursor is stable.
    pagination_class = cursor_pagination("name", "id")
    filter_backends: list[Any] = []
    serializer_class = ProviderSerializer

    @extend_schema(parameters=[ProviderFilterSerializer], responses={200: ProviderSerializer(many=True)})
    def get(self, request: Request) -> Response:
        filters = ProviderFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        providers = selectors.provider_list(user=request.user, **filters.validated_data)
        page = self.paginate_queryset(providers)
        return self.get_paginated_response(ProviderSerializer(page, many=True).data)

    @extend_schema(
        description="Add a provider to the organisation's directory.",
        request=ProviderInputSerializer,
        responses={201: ProviderSerializer, 403: NOT_ALLOWED},
    )
    def post(self, request: Request) -> Response:
        data = ProviderInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        provider = services.provider_create(actor=actor_of(request), data=data.to_service_data())
        provider = selectors.provider_get(user=request.user, provider_id=provider.pk)
        return Response(ProviderSerializer(provider).data, status=status.HTTP_201_CREATED)


class ProviderDetailView(generics.GenericAPIView):
    """One provider with its offers."""

    serializer_class = ProviderSerializer

    @extend_schema(responses={200: ProviderSerializer})
    def get(self, request: Request, provider_id: str) -> Response:
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        return Response(ProviderSerializer(provider).data)

    @extend_schema(
        description="Change a provider. Send the `version` you read; a stale one answers 409.",
        request=ProviderUpdateSerializer,
        responses={200: ProviderSerializer, 403: NOT_ALLOWED, 409: CONFLICT},
    )
    def patch(self, request: Request, provider_id: str) -> Response:
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        data = ProviderUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.provider_update(
            actor=actor_of(request),
            provider=provider,
            version=data.validated_data["version"],
            changes=data.to_changes(),
        )
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        return Response(ProviderSerializer(provider).data)


class OfferListView(generics.GenericAPIView):
    """Add an offer to a provider."""

    serializer_class = OfferSerializer

    @extend_schema(request=OfferInputSerializer, responses={201: OfferSerializer, 403: NOT_ALLOWED})
    def post(self, request: Request, provider_id: str) -> Response:
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        data = OfferInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = services.offer_create(actor=actor_of(request), provider=provider, **data.validated_data)
        return Response(OfferSerializer(offer).data, status=status.HTTP_201_CREATED)


class OfferDetailView(generics.GenericAPIView):
    """One offer of a provider."""

    serializer_class = OfferSerializer

    @extend_schema(responses={200: OfferSerializer})
    def get(self, request: Request, provider_id: str, offer_id: str) -> Response:
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        offer = selectors.offer_get(provider=provider, offer_id=offer_id)
        return Response(OfferSerializer(offer).data)

    @extend_schema(
        description="Change an offer. Send the `version` you read; a stale one answers 409.",
        request=OfferUpdateSerializer,
        responses={200: OfferSerializer, 403: NOT_ALLOWED, 409: CONFLICT},
    )
    def patch(self, request: Request, provider_id: str, offer_id: str) -> Response:
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        offer = selectors.offer_get(provider=provider, offer_id=offer_id)
        data = OfferUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        changes = cast(services.OfferChanges, values)  # the serializer's fields are the OfferChanges keys
        offer = services.offer_update(actor=actor_of(request), offer=offer, version=version, changes=changes)
        return Response(OfferSerializer(offer).data)

    @extend_schema(description="Remove an offer.", responses={204: None, 403: NOT_ALLOWED})
    def delete(self, request: Request, provider_id: str, offer_id: str) -> Response:
        provider = selectors.provider_get(user=request.user, provider_id=provider_id)
        offer = selectors.offer_get(provider=provider, offer_id=offer_id)
        services.offer_delete(actor=actor_of(request), offer=offer)
        return Response(status=status.HTTP_204_NO_CONTENT)
