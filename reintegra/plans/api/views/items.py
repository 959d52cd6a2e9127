"""Goals and measures API: thin views over the plan selectors and services."""

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from reintegra.plans.api import serializers as s
from reintegra.plans.api.common import (
    OldestFirstPagination,
    case_for,
    goal_payload,
    measure_payload,
    user_of,
)
from reintegra.plans.models import Goal, Measure
from reintegra.plans.selectors.plan import goal_get, goals_of, measure_get, measures_of, plan_read_log
from reintegra.plans.services.goals import GoalChanges, goal_create, goal_update
from reintegra.plans.services.measures import MeasureChanges, StepInput, measure_create, measure_update


def _steps(rows: list[Any]) -> list[StepInput]:
    return [StepInput(from_date=row["from_date"], workload_percent=row["workload_percent"]) for row in rows]


class GoalListView(GenericAPIView):
    """The case's goals (oldest first) and adding one."""

    serializer_class = s.GoalSerializer
    pagination_class = OldestFirstPagination
    queryset = Goal.objects.none()  # for the schema only: reads go through the selectors

    @extend_schema(responses=s.GoalSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        plan_read_log(user=user_of(request), case=case, object_type="goal", request=request)
        page = self.paginate_queryset(goals_of(case))
        return self.get_paginated_response([goal_payload(goal) for goal in page or []])

    @extend_schema(request=s.GoalCreateSerializer, responses={201: s.GoalSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        data = s.GoalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        goal = goal_create(actor=user_of(request), case=case, **data.validated_data)
        return Response(goal_payload(goal), status=status.HTTP_201_CREATED)


class GoalDetailView(GenericAPIView):
    serializer_class = s.GoalSerializer
    queryset = Goal.objects.none()

    @extend_schema(responses=s.GoalSerializer, operation_id="v1_cases_goal_detail")
    def get(self, request: Request, case_id: Any, goal_id: Any) -> Response:
        case = case_for(request, case_id)
        goal = goal_get(case, goal_id)
        plan_read_log(user=user_of(request), case=case, object_type="goal", object_id=goal.pk, request=request)
        return Response(goal_payload(goal))

    @extend_schema(request=s.GoalPatchSerializer, responses=s.GoalSerializer)
    def patch(self, request: Request, case_id: Any, goal_id: Any) -> Response:
        case = case_for(request, case_id)
        goal = goal_get(case, goal_id)
        data = s.GoalPatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        reason = values.pop("change_reason", None)
        changes = cast(GoalChanges, values)  # the serializer's fields are the GoalChanges keys
        goal = goal_update(actor=user_of(request), goal=goal, version=version, changes=changes, change_reason=reason)
        return Response(goal_payload(goal_get(case, goal.pk)))


class MeasureListView(GenericAPIView):
    """The case's measures (oldest first) and adding one; amounts in the organisation's currency."""

    serializer_class = s.MeasureSerializer
    pagination_class = OldestFirstPagination
    queryset = Measure.objects.none()

    @extend_schema(responses=s.MeasureSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        plan_read_log(user=user_of(request), case=case, object_type="measure", request=request)
        page = self.paginate_queryset(measures_of(case))
        return self.get_paginated_response([measure_payload(case, measure) for measure in page or []])

    @extend_schema(request=s.MeasureInputSerializer, responses={201: s.MeasureSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        data = s.MeasureInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["steps"] = [
            StepInput(from_date=step["from_date"], workload_percent=step["workload_percent"])
            for step in values.get("steps", [])
        ]
        measure = measure_create(actor=user_of(request), case=case, **values)
        return Response(measure_payload(case, measure_get(case, measure.pk)), status=status.HTTP_201_CREATED)


class MeasureDetailView(GenericAPIView):
    serializer_class = s.MeasureSerializer
    queryset = Measure.objects.none()

    @extend_schema(responses=s.MeasureSerializer, operation_id="v1_cases_measure_detail")
    def get(self, request: Request, case_id: Any, measure_id: Any) -> Response:
        case = case_for(request, case_id)
        measure = measure_get(case, measure_id)
        plan_read_log(user=user_of(request), case=case, object_type="measure", object_id=measure.pk, request=request)
        return Response(measure_payload(case, measure))

    @extend_schema(request=s.MeasurePatchSerializer, responses=s.MeasureSerializer)
    def patch(self, request: Request, case_id: Any, measure_id: Any) -> Response:
        case = case_for(request, case_id)
        measure = measure_get(case, measure_id)
        data = s.MeasurePatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        reason = values.pop("change_reason", None)
        if "steps" in values:
            values["steps"] = [
                StepInput(from_date=step["from_date"], workload_percent=step["workload_percent"])
                for step in values["steps"]
            ]
        changes = cast(MeasureChanges, values)  # the serializer's fields are the MeasureChanges keys
        measure_update(actor=user_of(request), measure=measure, version=version, changes=changes, change_reason=reason)
        return Response(measure_payload(case, measure_get(case, measure.pk)))
