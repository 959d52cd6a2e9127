"""Running the team (issue #14): handing cases over, the team's caseload."""

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from reintegra.accounts.models import User
from reintegra.cases.permissions import can_reassign_case
from reintegra.cases.selectors import case_for_reassign, cases_for_reassign
from reintegra.cases.services.reassign import REASSIGN_REFUSED, case_reassign, cases_reassign
from reintegra.core.api.permissions import allowed_by
from reintegra.core.exceptions import InvalidInput
from reintegra.core.permissions import require

REASSIGNED = inline_serializer("Reassigned", {"reassigned": serializers.IntegerField()})


class ReassignSerializer(serializers.Serializer):
    case_manager = serializers.UUIDField()
    reason = serializers.CharField(max_length=2000)


class BulkReassignSerializer(ReassignSerializer):
    cases = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=200)


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _case_manager(user: User, pk: Any) -> User:
    person = User.objects.filter(pk=pk, organisation=user.organisation).first() if user.organisation else None
    if person is None:
        raise InvalidInput({"case_manager": ["Choose an active case manager of your organisation."]})
    return person


class CaseReassignView(APIView):
    """`POST /cases/{id}/reassign/ {case_manager, reason}` → `{reassigned: 1}`."""

    @extend_schema(operation_id="v1_case_reassign", request=ReassignSerializer, responses={200: REASSIGNED})
    def post(self, request: Request, case_id: Any) -> Response:
        user = _user(request)
        case = case_for_reassign(user=user, case_id=case_id, request=request)
        require(can_reassign_case(user, case), REASSIGN_REFUSED)
        data = ReassignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case_reassign(
            actor=user, case=case, to_user=_case_manager(user, values["case_manager"]), reason=values["reason"]
        )
        return Response({"reassigned": 1})


class CasesReassignView(APIView):
    """`POST /cases/reassign/ {cases: [id…], case_manager, reason}` → `{reassigned: n}` (all or nothing)."""

    permission_classes = [IsAuthenticated, allowed_by(can_reassign_case, REASSIGN_REFUSED)]

    @extend_schema(operation_id="v1_cases_reassign", request=BulkReassignSerializer, responses={200: REASSIGNED})
    def post(self, request: Request) -> Response:
        user = _user(request)
        data = BulkReassignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        cases = cases_for_reassign(user=user, case_ids=values["cases"])
        if cases is None:
            raise InvalidInput({"cases": ["One or more of these cases are unknown to you."]})
        count = cases_reassign(
            actor=user, cases=cases, to_user=_case_manager(user, values["case_manager"]), reason=values["reason"]
        )
        return Response({"reassigned": count})
