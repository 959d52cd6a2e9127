"""Reviews and GAS API: thin views over the review selectors and services."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from reintegra.cases.gas import SCORES
from reintegra.core.api.pagination import cursor_pagination
from reintegra.plans.api.common import case_for, user_of
from reintegra.plans.models import Review
from reintegra.plans.selectors.plan import plan_read_log
from reintegra.plans.selectors.reviews import gas_summary, review_get, review_payload, reviews_of
from reintegra.plans.services.reviews import NOTE_MAX, RatingInput, review_create


class RatingSerializer(serializers.Serializer):
    goal = serializers.UUIDField()
    score = serializers.IntegerField(min_value=min(SCORES), max_value=max(SCORES))


class ReviewCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    ratings = serializers.ListField(child=RatingSerializer(), allow_empty=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX, default="")


class RecordedBySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    display_name = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    date = serializers.DateField()
    ratings = RatingSerializer(many=True)
    gas_t_score = serializers.FloatField(allow_null=True)
    note = serializers.CharField()
    recorded_by = RecordedBySerializer()
    created_at = serializers.DateTimeField()


class GasPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    t_score = serializers.FloatField()


class GasSerializer(serializers.Serializer):
    t_score = serializers.FloatField(allow_null=True)
    series = GasPointSerializer(many=True)


class ReviewListView(GenericAPIView):
    """The case's reviews in the order recorded, and recording one."""

    serializer_class = ReviewSerializer
    pagination_class = cursor_pagination("created_at", "id")
    queryset = Review.objects.none()  # for the schema only: reads go through the selectors

    @extend_schema(responses=ReviewSerializer(many=True))
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        plan_read_log(user=user_of(request), case=case, object_type="review", request=request)
        page = self.paginate_queryset(reviews_of(case))
        return self.get_paginated_response([ReviewSerializer(review_payload(r)).data for r in page or []])

    @extend_schema(request=ReviewCreateSerializer, responses={201: ReviewSerializer})
    def post(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        data = ReviewCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        ratings = [RatingInput(goal=item["goal"], score=item["score"]) for item in values["ratings"]]
        review = review_create(
            actor=user_of(request), case=case, date=values["date"], ratings=ratings, note=values.get("note", "")
        )
        payload = review_payload(review_get(case, review.pk))
        return Response(ReviewSerializer(payload).data, status=status.HTTP_201_CREATED)


class ReviewDetailView(GenericAPIView):
    serializer_class = ReviewSerializer
    queryset = Review.objects.none()

    @extend_schema(responses=ReviewSerializer, operation_id="v1_cases_review_detail")
    def get(self, request: Request, case_id: Any, review_id: Any) -> Response:
        case = case_for(request, case_id)
        review = review_get(case, review_id)
        plan_read_log(user=user_of(request), case=case, object_type="review", object_id=review.pk, request=request)
        return Response(ReviewSerializer(review_payload(review)).data)


class GasView(GenericAPIView):
    """The GAS T-score over time: each review, then the evaluation's final ratings."""

    serializer_class = GasSerializer
    queryset = Review.objects.none()

    @extend_schema(responses=GasSerializer)
    def get(self, request: Request, case_id: Any) -> Response:
        case = case_for(request, case_id)
        plan_read_log(user=user_of(request), case=case, object_type="gas", request=request)
        return Response(GasSerializer(gas_summary(case)).data)
