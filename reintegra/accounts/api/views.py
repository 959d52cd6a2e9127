"""API: tokens and the signed-in person."""

from axes.utils import reset as axes_reset
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.accounts.api.serializers import MeSerializer, TokenRequestSerializer, TokenResponseSerializer
from reintegra.accounts.permissions import can_get_token_with_password
from reintegra.accounts.selectors import user_roles
from reintegra.core.addresses import client_address


class TokenView(APIView):
    """Exchange username and password for an API token (`Authorization: Token <token>`)."""

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
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


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
