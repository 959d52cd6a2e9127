"""API: tokens and the signed-in person."""

from axes.utils import reset as axes_reset
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.accounts.api.serializers import MeSerializer, TokenRequestSerializer, TokenResponseSerializer
from reintegra.accounts.permissions import can_get_token_with_password
from reintegra.accounts.selectors import user_roles
from reintegra.accounts.tokens import api_token_create, api_tokens_revoke_all
from reintegra.core.addresses import client_address


class TokenView(APIView):
    """Exchange username and password for a new API token (`Authorization: Token <token>`).

    Each call makes a new token (one per client program, named by `client`); it expires 12 hours
    after its last use.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer})
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            raise serializers.ValidationError({"non_field_errors": [_("The username or password is not correct.")]})
        if not can_get_token_with_password(user):
            raise exceptions.PermissionDenied(
                _(
                    "This account uses a second factor: "
                    "create a token on the page /accounts/api-token/ after signing in."
                )
            )
        # As a UI sign-in does: success resets the failure count of this account and address.
        axes_reset(ip=client_address(request._request), username=user.get_username())
        token = api_token_create(user=user, client=data.validated_data.get("client", ""))
        return Response({"token": token})


class TokenRevokeView(APIView):
    """Sign out this token (`POST /auth/logout/`) or every token of the person (`/auth/logout-all/`)."""

    everywhere = False

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        if self.everywhere:
            api_tokens_revoke_all(user=request.user)  # type: ignore[arg-type]
        elif request.auth is not None:
            request.auth.delete()
        return Response(status=204)


class MeView(APIView):
    """The signed-in person, their organisation and roles."""

    @extend_schema(responses={200: MeSerializer})
    def get(self, request: Request) -> Response:
        user = request.user
        organisation = user.organisation  # type: ignore[union-attr]
        return Response(
            MeSerializer(
                {
                    "id": user.pk,
                    "username": user.get_username(),
                    "display_name": user.display_name,  # type: ignore[union-attr]
                    "organisation": {"id": organisation.pk, "name": organisation.name, "slug": organisation.slug}
                    if organisation
                    else None,
                    "roles": user_roles(user),  # type: ignore[arg-type]
                }
            ).data
        )
