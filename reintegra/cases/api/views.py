"""Case API: thin views over the case selectors and services."""

from typing import Any, cast

from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.accounts.models import Unit, User
from reintegra.accounts.selectors import user_is_portal_only
from reintegra.audit.models import AccessAction
from reintegra.audit.services import access_log_write
from reintegra.cases.api import serializers as s
from reintegra.cases.checklist import checklist_states_fill
from reintegra.cases.disclosure import disclosed_case_get, disclosed_cases, disclosed_payload
from reintegra.cases.inputs import (
    CaseChanges,
    CaseTypeChanges,
    IncapacityChanges,
    IntakeData,
    ParticipantChanges,
    ParticipantData,
)
from reintegra.cases.models import (
    Case,
    CaseEvent,
    CaseType,
    Client,
    IncapacityCorrection,
    IncapacityPeriod,
    Participant,
)
from reintegra.cases.permissions import can_change_case, can_configure_case_types
from reintegra.cases.selectors import (
    CaseListing,
    case_for_change,
    case_get,
    case_list,
    case_list_page,
    case_phases,
    case_type_resolve,
    case_types_for,
)
from reintegra.cases.services.case import case_create, case_update
from reintegra.cases.services.case_types import CONFIGURE_REFUSED, case_type_update
from reintegra.cases.services.common import CHANGE_REFUSED
from reintegra.cases.services.intake import intake_of, intake_save
from reintegra.cases.services.participants import (
    incapacity_add,
    incapacity_correct,
    participant_create,
    participant_remove,
    participant_update,
)
from reintegra.cases.services.phases import phase_complete, phase_reopen
from reintegra.core.api.pagination import CursorPagination, cursor_pagination
from reintegra.core.api.permissions import allowed_by
from reintegra.core.api.schema import results_envelope
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _org_object(model: Any, user: User, pk: Any, field: str) -> Any:
    """Resolve an id sent in a payload to an object of the user's organisation, or a 400 naming the field."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk, organisation_id=user.organisation_id).first()
    if found is None:
        raise InvalidInput({field: [_("Unknown id in your organisation.")]})
    return found


def case_payload(case: Case, *, detail: bool = True) -> dict[str, Any]:
    return s.CaseSerializer(case, context={"detail": detail}).data


class CaseTypeListView(GenericAPIView):
    """Case types of the signed-in person's organisation."""

    serializer_class = s.CaseTypeSerializer
    pagination_class = None

    @extend_schema(responses=results_envelope("CaseTypeList", s.CaseTypeSerializer(many=True)))
    def get(self, request: Request) -> Response:
        types = case_types_for(user=_user(request))
        return Response({"results": s.CaseTypeSerializer(types, many=True).data, "next": None})


class CaseTypeDetailView(APIView):
    """Changing a case type of the organisation (organisation admins; others 403): its retention periods."""

    permission_classes = [IsAuthenticated, allowed_by(can_configure_case_types, CONFIGURE_REFUSED)]

    @extend_schema(request=s.CaseTypePatchSerializer, responses=s.CaseTypeSerializer)
    def patch(self, request: Request, case_type_id: Any) -> Response:
        user = _user(request)
        case_type = get_object_or_404(CaseType, pk=case_type_id, organisation_id=user.organisation_id)
        data = s.CaseTypePatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version", case_type.version)
        changes = dict(values.get("retention") or {})
        case_type_update(actor=user, case_type=case_type, version=version, data=cast(CaseTypeChanges, changes))
        case_type.refresh_from_db()
        return Response(s.CaseTypeSerializer(case_type).data)


def CASE_OR_RELEASED(**kwargs: Any) -> PolymorphicProxySerializer:  # noqa: N802 - reads as a schema name
    """Staff get the case; portal participants its released representation."""
    return PolymorphicProxySerializer(
        component_name="CaseOrReleasedCase",
        serializers=[s.CaseSerializer, s.ReleasedCaseSerializer],
        resource_type_field_name=None,
        **kwargs,
    )


class CaseListPagination(CursorPagination):
    """The cursor pagination of the case list, reading a page of a `CaseListing` through the
    selector `case_list_page` (branch by branch) instead of slicing a queryset: DRF's
    `CursorPagination.paginate_queryset` with the listing's own `order_by`/`filter` and the
    page read by name. Portal participants' lists (a plain queryset) go the ordinary way."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        if not isinstance(queryset, CaseListing):
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        self.page_size = self.get_page_size(request)  # type: ignore[assignment]
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)  # type: ignore[arg-type, assignment]
        self.cursor = self.decode_cursor(request)
        offset, reverse, current_position = self.cursor if self.cursor is not None else (0, False, None)
        if reverse:
            ordering = tuple(key[1:] if key.startswith("-") else f"-{key}" for key in self.ordering)
        else:
            ordering = tuple(self.ordering)
        listing = queryset.order_by(*ordering)
        if current_position is not None:
            order = self.ordering[0]
            attr = order.lstrip("-")
            assert self.cursor is not None
            lookup = "lt" if self.cursor.reverse != order.startswith("-") else "gt"
            listing = listing.filter(**{f"{attr}__{lookup}": current_position})
        results = case_list_page(listing, start=offset, stop=offset + self.page_size + 1)
        self.page = results[: self.page_size]
        following = (
            self._get_position_from_instance(results[-1], self.ordering) if len(results) > len(self.page) else None
        )
        if reverse:
            self.page.reverse()
            self.has_next = current_position is not None or offset > 0
            self.has_previous = following is not None
            if self.has_next:
                self.next_position = current_position  # type: ignore[assignment]
            if self.has_previous:
                self.previous_position = following  # type: ignore[assignment]
        else:
            self.has_next = following is not None
            self.has_previous = current_position is not None or offset > 0
            if self.has_next:
                self.next_position = following  # type: ignore[assignment]
            if self.has_previous:
                self.previous_position = current_position  # type: ignore[assignment]
        return self.page


class CaseListView(GenericAPIView):
    serializer_class = s.CaseSerializer
    pagination_class = CaseListPagination
    queryset = Case.objects.none()  # for the schema only: reads go through case_list()

    @extend_schema(parameters=[s.CaseListQuerySerializer], responses=CASE_OR_RELEASED(many=True))
    def get(self, request: Request) -> Response:
        query = s.CaseListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if user_is_portal_only(_user(request)):
            page = self.paginate_queryset(disclosed_cases(user=request.user))
            return self.get_paginated_response(
                [disclosed_payload(case, user=request.user, request=request) for case in page or []]
            )
        cases = case_list(user=_user(request), **query.validated_data)
        # The pagination reads the cursor's page branch by branch (`selectors.case_list_page`).
        page = list(self.paginate_queryset(cases) or [])  # type: ignore[arg-type]
        checklist_states_fill(page)  # one go for the page's cases without a stored state (reads only)
        # Built by hand, equal to CaseSerializer's items (see `serializers.case_list_item`).
        return self.get_paginated_response([s.case_list_item(case) for case in page])

    @extend_schema(request=s.CaseCreateSerializer, responses={201: s.CaseSerializer})
    def post(self, request: Request) -> Response:
        user = _user(request)
        require(can_change_case(user), CHANGE_REFUSED)  # 403 before the body is looked at
        data = s.CaseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case_type = case_type_resolve(user=user, value=values["case_type"])
        if case_type is None:
            raise InvalidInput({"case_type": [_("Unknown case type. Use bem, iv-early, general or an id.")]})
        existing = _org_object(Client, user, values.get("client_id"), "client_id")
        case = case_create(
            actor=user,
            case_type=case_type,
            client=values.get("client"),
            existing_client=existing,
            check_duplicates=not values.get("confirm_new_client", False),
            unit=_org_object(Unit, user, values.get("unit"), "unit"),
            case_manager=_org_object(User, user, values.get("case_manager"), "case_manager"),
            commissioning_party=values.get("commissioning_party"),
            summary=values.get("summary", ""),
        )
        case = case_get(user=user, case_id=case.pk, request=request, log=False)
        return Response(case_payload(case), status=status.HTTP_201_CREATED)


class CaseDetailView(APIView):
    @extend_schema(responses=CASE_OR_RELEASED())
    def get(self, request: Request, case_id: Any) -> Response:
        if user_is_portal_only(_user(request)):
            case = disclosed_case_get(user=request.user, case_id=case_id, request=request)
            return Response(disclosed_payload(case, user=request.user, request=request))
        return Response(case_payload(case_get(user=_user(request), case_id=case_id, request=request)))

    @extend_schema(request=s.CasePatchSerializer, responses=s.CaseSerializer)
    def patch(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.CasePatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        for field, model in (("unit", Unit), ("case_manager", User), ("deputy", User)):
            if field in values:
                values[field] = _org_object(model, user, values[field], field)
        case_update(actor=user, case=case, version=version, data=cast(CaseChanges, values))
        return Response(case_payload(case_get(user=user, case_id=case.pk, log=False)))


class PhaseCompleteView(APIView):
    @extend_schema(request=s.PhaseCompleteSerializer, responses={200: s.PhaseSerializer})
    def post(self, request: Request, case_id: Any, key: str) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.PhaseCompleteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        phase_complete(actor=user, case=case, key=key, override_reason=data.validated_data.get("override_reason") or "")
        return Response(_phase_payload(user, case.pk, key))


class PhaseReopenView(APIView):
    @extend_schema(request=s.ReasonSerializer, responses={200: s.PhaseSerializer})
    def post(self, request: Request, case_id: Any, key: str) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        phase_reopen(actor=user, case=case, key=key, reason=data.validated_data["reason"])
        return Response(_phase_payload(user, case.pk, key))


def _phase_payload(user: User, case_id: Any, key: str) -> dict[str, Any]:
    case = case_get(user=user, case_id=case_id, log=False)
    phase = next(p for p in case_phases(case) if p.key == key)
    return {
        "key": phase.key,
        "status": phase.status,
        "missing": phase.missing,
        "override_reason": phase.override_reason,
    }


class IntakeView(APIView):
    @staticmethod
    def _payload(case: Case) -> dict[str, Any]:
        intake = intake_of(case)
        return {
            "criteria_met": intake.criteria_met,
            "criteria_answers": intake.criteria_answers,
            "decision": intake.decision or None,
            "decision_reason": intake.decision_reason or "",
            "client_informed": intake.client_informed,
            "commissioning_party_disclosed": intake.commissioning_party_disclosed,
            "cooperation_agreed": intake.cooperation_agreed,
            "deputy": str(case.deputy_id) if case.deputy_id else None,
            "version": case.version,
        }

    @extend_schema(responses=s.IntakeSerializer)
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_get(user=_user(request), case_id=case_id, request=request)
        return Response(self._payload(case))

    @extend_schema(request=s.IntakeSerializer, responses=s.IntakeSerializer)
    def put(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.IntakeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        kwargs: dict[str, Any] = {}
        if "deputy" in values:
            kwargs["deputy"] = _org_object(User, user, values.pop("deputy"), "deputy")
        intake_save(actor=user, case=case, version=version, data=cast(IntakeData, values), **kwargs)
        return Response(self._payload(case_get(user=user, case_id=case.pk, log=False)))


class CaseChildListView(GenericAPIView):
    """Shared shape of a case's child collections (participants, incapacity, events): cursor-paginated."""

    object_type = ""

    def records(self, case: Case) -> Any:
        raise NotImplementedError

    def get(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request, log=False)
        access_log_write(
            user=user,
            action=AccessAction.READ,
            object_type=self.object_type,
            case_id=case.pk,
            request=request,
        )
        page = self.paginate_queryset(self.records(case))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ParticipantListView(CaseChildListView):
    serializer_class = s.ParticipantSerializer
    object_type = "participant"
    pagination_class = cursor_pagination("created_at", "id")

    def records(self, case: Case) -> Any:
        # when the newest portal invitation went out (the portal app's invites, by their relation name)
        return (
            Participant.objects.filter(case=case)
            .annotate(last_invited_at=Max("portal_invites__created_at"))
            .order_by("created_at")
        )

    @extend_schema(request=s.ParticipantSerializer, responses={201: s.ParticipantSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.ParticipantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        portal_user = _org_object(User, user, values.pop("user_id", None), "user")
        values["organisation_name"] = values.get("organisation_name", "")
        participant = participant_create(actor=user, case=case, data=cast(ParticipantData, values), user=portal_user)
        return Response(s.ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)


class ParticipantDetailView(APIView):
    @extend_schema(responses=s.ParticipantSerializer, operation_id="v1_cases_participant_detail")
    def get(self, request: Request, case_id: Any, participant_id: Any) -> Response:
        case = case_get(user=_user(request), case_id=case_id, request=request)
        participant = get_object_or_404(Participant, case=case, pk=participant_id)
        return Response(s.ParticipantSerializer(participant).data)

    @extend_schema(
        request=s.ParticipantPatchSerializer,
        responses=s.ParticipantSerializer,
        operation_id="v1_cases_participant_update",
    )
    def patch(self, request: Request, case_id: Any, participant_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        participant = get_object_or_404(Participant, case=case, pk=participant_id)
        data = s.ParticipantPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = participant_update(
            actor=user, case=case, participant=participant, data=cast(ParticipantChanges, dict(data.validated_data))
        )
        return Response(s.ParticipantSerializer(participant).data)

    @extend_schema(responses={204: OpenApiResponse(description="removed")})
    def delete(self, request: Request, case_id: Any, participant_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        participant = get_object_or_404(Participant, case=case, pk=participant_id)
        participant_remove(actor=user, case=case, participant=participant)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IncapacityListView(CaseChildListView):
    serializer_class = s.IncapacitySerializer
    object_type = "incapacity"
    pagination_class = cursor_pagination("-start", "-created_at")

    def records(self, case: Case) -> Any:
        return incapacity_periods_with_history(case)

    @extend_schema(request=s.IncapacitySerializer, responses={201: s.IncapacitySerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        data = s.IncapacitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = incapacity_add(actor=user, case=case, data=data.validated_data)
        return Response(s.IncapacitySerializer(period).data, status=status.HTTP_201_CREATED)


def incapacity_periods_with_history(case: Case) -> Any:
    corrections = Prefetch("corrections", queryset=IncapacityCorrection.objects.select_related("by"))
    return IncapacityPeriod.objects.filter(case=case).prefetch_related(corrections).order_by("-start")


class IncapacityDetailView(APIView):
    @extend_schema(responses=s.IncapacitySerializer, operation_id="v1_cases_incapacity_detail")
    def get(self, request: Request, case_id: Any, period_id: Any) -> Response:
        user = _user(request)
        case = case_get(user=user, case_id=case_id, request=request, log=False)
        period = get_object_or_404(incapacity_periods_with_history(case), pk=period_id)
        access_log_write(
            user=user,
            action=AccessAction.READ,
            object_type="incapacity",
            object_id=period.pk,
            case_id=case.pk,
            request=request,
        )
        return Response(s.IncapacitySerializer(period).data)

    @extend_schema(request=s.IncapacityPatchSerializer, responses=s.IncapacitySerializer)
    def patch(self, request: Request, case_id: Any, period_id: Any) -> Response:
        """End or correct a period (end, percent, certificate) with a reason and the period's version."""
        user = _user(request)
        case = case_for_change(user=user, case_id=case_id, request=request)
        period = get_object_or_404(IncapacityPeriod, case=case, pk=period_id)
        data = s.IncapacityPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version, reason = values.pop("version"), values.pop("reason")
        incapacity_correct(
            actor=user, case=case, period=period, version=version, reason=reason, data=cast(IncapacityChanges, values)
        )
        return Response(s.IncapacitySerializer(incapacity_periods_with_history(case).get(pk=period.pk)).data)


class EventListView(CaseChildListView):
    """The case timeline, newest first (cursor-paginated)."""

    serializer_class = s.EventSerializer
    object_type = "event"
    pagination_class = cursor_pagination("-at", "-id")

    def records(self, case: Case) -> Any:
        return CaseEvent.objects.filter(case=case).select_related("actor").order_by("-at", "-id")
