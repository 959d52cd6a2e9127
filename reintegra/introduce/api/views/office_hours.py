"""API: office hours for staff, and sign-up and cancellation for anyone (no account)."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.core.api.schema import results_envelope
from reintegra.core.permissions import require
from reintegra.introduce import selectors, services, throttle
from reintegra.introduce.api import serializers as s
from reintegra.introduce.api.base import MEMBER_PERMISSIONS, ScopedDetail, ScopedListCreate
from reintegra.introduce.models import OfficeHourSession
from reintegra.introduce.permissions import SIGNUPS_HOSTS_ONLY, can_view_signups


class SessionList(ScopedListCreate):
    """Office hours of my organisation. Team leads and organisation admins create them."""

    model = OfficeHourSession
    serializer_class = s.SessionSerializer
    create_service = services.session_create

    def scoped_queryset(self) -> Any:
        return selectors.sessions_for(user=self.request.user)


class SessionDetail(ScopedDetail):
    """One office hour. It cannot be deleted while people are signed up (400)."""

    model = OfficeHourSession
    object_name = "session"
    serializer_class = s.SessionSerializer
    update_service = services.session_update
    delete_service = services.session_delete


class SignupList(APIView):
    """Who signed up and their questions (for team leads, admins and the host). Reads are logged."""

    permission_classes = MEMBER_PERMISSIONS

    @extend_schema(responses={200: results_envelope("SignupList", s.SignupSerializer(many=True))})
    def get(self, request: Request, pk: Any) -> Response:
        session = selectors.get_visible(request.user, OfficeHourSession, pk)
        require(can_view_signups(request.user, session), SIGNUPS_HOSTS_ONLY)
        signups = selectors.session_signups(user=request.user, session=session, request=request._request)
        return Response({"results": s.SignupSerializer(signups, many=True).data, "next": None})


def _link_base(request: Request) -> str:
    return f"{request.scheme}://{request.get_host()}"


class SignupCreate(APIView):
    """Ask to sign up for an office hour by e-mail, without an account (double opt-in): an e-mail
    with a confirmation link follows, and only confirming takes a seat. The answer is the same
    whether or not the address is signed up already. At most 10 requests per client address and
    hour (`429` after that)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=s.SignupRequestSerializer,
        responses={
            202: s.SignupRequestedSerializer,
            400: OpenApiResponse(description="Invalid input, or the office hour is past or full."),
            404: OpenApiResponse(description="No such office hour."),
            429: OpenApiResponse(description="Too many sign-up requests from this address."),
        },
        auth=[],
    )
    def post(self, request: Request, pk: Any) -> Response:
        session = selectors.public_session_get(pk=pk)
        data = s.SignupRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if throttle.signup_refused(request._request):
            detail = _("Too many sign-ups from your network. Please try again in an hour.")
            return Response({"detail": detail}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        services.signup_create(
            session=session,
            language=translation.get_language() or "de",
            link_base=_link_base(request),
            email=data.validated_data["email"],
            name=data.validated_data.get("name", ""),
            question=data.validated_data.get("question", ""),
            anonymous=data.validated_data["anonymous"],
        )
        # The same answer for a new, a pending and a confirmed address: nothing tells them apart.
        body = {
            "session": session.pk,
            "detail": _("Please check your e-mail: the sign-up is confirmed with the link in it."),
        }
        return Response(s.SignupRequestedSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class SignupConfirm(APIView):
    """Confirm a sign-up with the token from the double opt-in e-mail's link: it takes the seat
    (`400` when the office hour is full or past by now). Confirming again changes nothing."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=s.ConfirmRequestSerializer,
        responses={
            200: s.ConfirmResultSerializer,
            400: OpenApiResponse(description="Invalid input, or the office hour is full, past or cancelled."),
            404: OpenApiResponse(description="The token is unknown or expired."),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = s.ConfirmRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signup = services.signup_for_confirm_token(data.validated_data["token"])
        confirmed = services.signup_confirm(signup=signup)
        return Response({"confirmed": confirmed})


class SignupCancel(APIView):
    """Cancel a sign-up with the token from the confirmation e-mail's link."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(request=s.CancelRequestSerializer, responses={200: s.CancelResultSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        data = s.CancelRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signup = services.signup_for_token(data.validated_data["token"])
        cancelled = services.signup_cancel(signup=signup)
        return Response({"cancelled": cancelled})
