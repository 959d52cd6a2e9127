"""API of staff administration (API.md "Running the team"): thin views over the staff services."""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from reintegra.accounts.models import Organisation, Unit, User
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.core.api.pagination import cursor_pagination
from reintegra.core.api.permissions import allowed_by
from reintegra.core.permissions import require
from reintegra.staff import selectors
from reintegra.staff.api.serializers import (
    DeactivatedSerializer,
    DeactivateSerializer,
    OrganisationSettingsSerializer,
    StaffCreateSerializer,
    StaffDoneSerializer,
    StaffReasonSerializer,
    StaffSerializer,
    StaffUpdateSerializer,
    UnitClosedSerializer,
    UnitCloseSerializer,
    UnitInputSerializer,
    UnitSerializer,
)
from reintegra.staff.permissions import can_administer_staff, can_read_staff
from reintegra.staff.services.common import REFUSED
from reintegra.staff.services.invitations import StaffData, staff_invite, staff_invite_again
from reintegra.staff.services.organisation import SETTINGS, organisation_update
from reintegra.staff.services.units import unit_add, unit_close, unit_rename
from reintegra.staff.services.users import (
    staff_deactivate,
    staff_password_reset,
    staff_second_factor_reset,
    staff_unlock,
    staff_update,
)

READERS: list[Any] = [
    IsAuthenticated,
    allowed_by(can_read_staff, "Only organisation admins and team leads see the staff."),
]
NOT_ALLOWED = OpenApiResponse(description="Only organisation admins may do this (team leads read).")


def staff_data(user: User, status_value: str | None = None) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "status": status_value or selectors.staff_status(user),
        "roles": selectors.staff_roles(user),
    }


def unit_data(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "name": unit.name, "is_open": unit.closed_at is None, "closed_at": unit.closed_at}


def _roles(data: dict[str, Any]) -> list[Any] | None:
    roles = data.get("roles")
    return None if roles is None else [{"role": r["role"], "unit": r.get("unit")} for r in roles]


def _member(request: Request, user_id: Any) -> User:
    return selectors.staff_member_get(organisation=request.user.organisation_id, user_id=user_id)  # type: ignore[union-attr]


def _admin(request: Request) -> User:
    require(can_administer_staff(request.user), REFUSED)
    return cast(User, request.user)


class StaffListView(generics.GenericAPIView):
    """Staff of the organisation (never client portal accounts), by name."""

    permission_classes = READERS
    pagination_class = cursor_pagination("username", "id")
    filter_backends: list[Any] = []
    serializer_class = StaffSerializer

    @extend_schema(responses={200: StaffSerializer(many=True)})
    def get(self, request: Request) -> Response:
        people = selectors.staff_of(request.user.organisation_id)  # type: ignore[union-attr]
        page = list(self.paginate_queryset(people) or [])
        access_log_write(
            user=request.user,
            action=AccessAction.READ,
            object_type="user",
            detail="staff list",
            request=request._request,
        )
        statuses = selectors.staff_statuses(page)
        return self.get_paginated_response(
            StaffSerializer([staff_data(u, statuses[u.pk]) for u in page], many=True).data
        )

    @extend_schema(
        description="Invite a person: made inactive with their roles; a one-time link that expires is e-mailed "
        "to them, with which they set their password. The answer carries no secret.",
        request=StaffCreateSerializer,
        responses={201: StaffSerializer, 403: NOT_ALLOWED},
    )
    def post(self, request: Request) -> Response:
        actor = _admin(request)
        data = StaffCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = staff_invite(
            actor=actor,
            organisation=actor.organisation,  # type: ignore[arg-type]
            data=StaffData(
                username=values["username"],
                email=values["email"],
                first_name=values["first_name"],
                last_name=values["last_name"],
                roles=_roles(values),
            ),
            request=request._request,
        )
        return Response(StaffSerializer(staff_data(_member(request, user.pk))).data, status=status.HTTP_201_CREATED)


class StaffDetailView(generics.GenericAPIView):
    permission_classes = READERS
    serializer_class = StaffSerializer

    @extend_schema(responses={200: StaffSerializer})
    def get(self, request: Request, user_id: Any) -> Response:
        person = _member(request, user_id)
        access_log_write(
            user=request.user,
            action=AccessAction.READ,
            object_type="user",
            object_id=person.pk,
            request=request._request,
        )
        return Response(StaffSerializer(staff_data(person)).data)

    @extend_schema(
        description="Change e-mail, name or roles (`roles` replaces them). Removing the organisation admin role "
        "from the last active admin answers 400.",
        request=StaffUpdateSerializer,
        responses={200: StaffSerializer, 403: NOT_ALLOWED},
    )
    def patch(self, request: Request, user_id: Any) -> Response:
        actor = _admin(request)
        user = _member(request, user_id)
        data = StaffUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        staff_update(
            actor=actor,
            user=user,
            email=values.get("email"),
            first_name=values.get("first_name"),
            last_name=values.get("last_name"),
            roles=_roles(values),
            request=request._request,
        )
        return Response(StaffSerializer(staff_data(_member(request, user_id))).data)


class StaffDeactivateView(generics.GenericAPIView):
    permission_classes = READERS
    serializer_class = DeactivateSerializer

    @extend_schema(
        description="The person can no longer sign in (existing tokens answer 401); their open cases, managed "
        "and deputised, go to `handover_to`, each with a timeline entry.",
        request=DeactivateSerializer,
        responses={
            200: DeactivatedSerializer,
            403: NOT_ALLOWED,
            409: OpenApiResponse(description="Already deactivated."),
        },
    )
    def post(self, request: Request, user_id: Any) -> Response:
        actor = _admin(request)
        user = _member(request, user_id)
        data = DeactivateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        handover_to = None
        if data.validated_data.get("handover_to"):
            handover_to = User.objects.filter(pk=data.validated_data["handover_to"]).first()
            if handover_to is None:
                raise ValidationError({"handover_to": [_("Choose a person of your organisation.")]})
        moved = staff_deactivate(
            actor=actor,
            user=user,
            handover_to=handover_to,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response({"moved_cases": moved})


class _ReasonActionView(generics.GenericAPIView):
    permission_classes = READERS
    serializer_class = StaffReasonSerializer
    done: Any = ""

    def act(self, *, actor: User, user: User, reason: str, request: Any) -> None:
        raise NotImplementedError

    @extend_schema(request=StaffReasonSerializer, responses={200: StaffDoneSerializer, 403: NOT_ALLOWED})
    def post(self, request: Request, user_id: Any) -> Response:
        actor = _admin(request)
        user = _member(request, user_id)
        data = StaffReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.act(actor=actor, user=user, reason=data.validated_data["reason"], request=request._request)
        return Response({"detail": str(self.done)})


class StaffSecondFactorResetView(_ReasonActionView):
    """Remove the person's second factor (with a reason); they set up a new one."""

    done = gettext_lazy("The second factor was reset.")

    def act(self, *, actor: User, user: User, reason: str, request: Any) -> None:
        staff_second_factor_reset(actor=actor, user=user, reason=reason, request=request)


class StaffUnlockView(_ReasonActionView):
    """Lift a sign-in lockout of the person (with a reason)."""

    done = gettext_lazy("The account was unlocked.")

    def act(self, *, actor: User, user: User, reason: str, request: Any) -> None:
        staff_unlock(actor=actor, user=user, reason=reason, request=request)


class StaffInviteAgainView(generics.GenericAPIView):
    """E-mail a new invitation to someone who has not yet set a password (the old link stops working)."""

    permission_classes = READERS
    serializer_class = StaffDoneSerializer

    @extend_schema(request=None, responses={200: StaffDoneSerializer, 403: NOT_ALLOWED})
    def post(self, request: Request, user_id: Any) -> Response:
        actor = _admin(request)
        staff_invite_again(actor=actor, user=_member(request, user_id), request=request._request)
        return Response({"detail": _("A new invitation was sent.")})


class StaffPasswordResetView(generics.GenericAPIView):
    """E-mail the person a one-time link to choose a new password."""

    permission_classes = READERS
    serializer_class = StaffDoneSerializer

    @extend_schema(request=None, responses={200: StaffDoneSerializer, 403: NOT_ALLOWED})
    def post(self, request: Request, user_id: Any) -> Response:
        actor = _admin(request)
        staff_password_reset(actor=actor, user=_member(request, user_id), request=request._request)
        return Response({"detail": _("A link to choose a new password was sent.")})


class UnitListView(generics.GenericAPIView):
    """The organisation's units, open ones first."""

    permission_classes = READERS
    pagination_class = cursor_pagination("name", "id")
    filter_backends: list[Any] = []
    serializer_class = UnitSerializer

    @extend_schema(responses={200: UnitSerializer(many=True)})
    def get(self, request: Request) -> Response:
        units = selectors.units_of(request.user.organisation_id, include_closed=True)  # type: ignore[union-attr]
        page = self.paginate_queryset(units) or []
        return self.get_paginated_response(UnitSerializer([unit_data(u) for u in page], many=True).data)

    @extend_schema(request=UnitInputSerializer, responses={201: UnitSerializer, 403: NOT_ALLOWED})
    def post(self, request: Request) -> Response:
        actor = _admin(request)
        data = UnitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = unit_add(actor=actor, name=data.validated_data["name"], request=request._request)
        return Response(UnitSerializer(unit_data(unit)).data, status=status.HTTP_201_CREATED)


class UnitDetailView(generics.GenericAPIView):
    permission_classes = READERS
    serializer_class = UnitSerializer

    def _unit(self, request: Request, unit_id: Any) -> Unit:
        return selectors.unit_get(organisation=request.user.organisation_id, unit_id=unit_id)  # type: ignore[union-attr]

    @extend_schema(responses={200: UnitSerializer})
    def get(self, request: Request, unit_id: Any) -> Response:
        return Response(UnitSerializer(unit_data(self._unit(request, unit_id))).data)

    @extend_schema(
        description="Rename the unit.", request=UnitInputSerializer, responses={200: UnitSerializer, 403: NOT_ALLOWED}
    )
    def patch(self, request: Request, unit_id: Any) -> Response:
        actor = _admin(request)
        unit = self._unit(request, unit_id)
        data = UnitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = unit_rename(actor=actor, unit=unit, name=data.validated_data["name"], request=request._request)
        return Response(UnitSerializer(unit_data(unit)).data)


class UnitCloseView(generics.GenericAPIView):
    permission_classes = READERS
    serializer_class = UnitCloseSerializer

    @extend_schema(
        description="Close a unit without open cases: it takes no new roles; the roles held in it end.",
        request=UnitCloseSerializer,
        responses={200: UnitClosedSerializer, 403: NOT_ALLOWED, 409: OpenApiResponse(description="Already closed.")},
    )
    def post(self, request: Request, unit_id: Any) -> Response:
        actor = _admin(request)
        unit = selectors.unit_get(organisation=actor.organisation_id, unit_id=unit_id)
        data = UnitCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ended = unit_close(actor=actor, unit=unit, reason=data.validated_data["reason"], request=request._request)
        return Response({"roles_ended": ended})


def _settings(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        **{field: getattr(organisation, field) for field in SETTINGS},
        "has_logo": bool(organisation.logo),
    }


class OrganisationSettingsView(generics.GenericAPIView):
    """The organisation's settings (organisation admins only)."""

    permission_classes: list[Any] = [
        IsAuthenticated,
        allowed_by(can_administer_staff, "Only organisation admins see and change the organisation's settings."),
    ]
    serializer_class = OrganisationSettingsSerializer

    @extend_schema(responses={200: OrganisationSettingsSerializer})
    def get(self, request: Request) -> Response:
        organisation = cast(Organisation, cast(User, request.user).organisation)
        return Response(OrganisationSettingsSerializer(_settings(organisation)).data)

    @extend_schema(
        description="Change the settings sent; the others stay.",
        request=OrganisationSettingsSerializer,
        responses={200: OrganisationSettingsSerializer, 403: NOT_ALLOWED},
    )
    def patch(self, request: Request) -> Response:
        actor = _admin(request)
        data = OrganisationSettingsSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        organisation = organisation_update(
            actor=actor,
            organisation=cast(Organisation, actor.organisation),
            changes=dict(data.validated_data),
            request=request._request,
        )
        return Response(OrganisationSettingsSerializer(_settings(organisation)).data)
