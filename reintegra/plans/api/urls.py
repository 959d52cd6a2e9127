from django.urls import path

from reintegra.plans.api.views import items as views
from reintegra.plans.api.views import plan as plan_views
from reintegra.plans.api.views import reviews as review_views

urlpatterns = [
    path("cases/<uuid:case_id>/goals/", views.GoalListView.as_view(), name="goal-list"),
    path("cases/<uuid:case_id>/goals/<uuid:goal_id>/", views.GoalDetailView.as_view(), name="goal-detail"),
    path("cases/<uuid:case_id>/measures/", views.MeasureListView.as_view(), name="measure-list"),
    path(
        "cases/<uuid:case_id>/measures/<uuid:measure_id>/",
        views.MeasureDetailView.as_view(),
        name="measure-detail",
    ),
    path("cases/<uuid:case_id>/plan/", plan_views.PlanView.as_view(), name="plan"),
    path("cases/<uuid:case_id>/plan/agree/", plan_views.PlanAgreeView.as_view(), name="plan-agree"),
    path("cases/<uuid:case_id>/plan/versions/", plan_views.PlanVersionListView.as_view(), name="plan-version-list"),
    path(
        "cases/<uuid:case_id>/plan/versions/<int:number>/",
        plan_views.PlanVersionDetailView.as_view(),
        name="plan-version-detail",
    ),
    path("cases/<uuid:case_id>/plan/compare/", plan_views.PlanCompareView.as_view(), name="plan-compare"),
    path("cases/<uuid:case_id>/plan/changes/", plan_views.PlanChangeListView.as_view(), name="plan-change-list"),
    path("cases/<uuid:case_id>/plan/timeline.svg", plan_views.PlanTimelineView.as_view(), name="plan-timeline"),
    path("cases/<uuid:case_id>/plan.pdf", plan_views.PlanPdfView.as_view(), name="plan-pdf"),
    path("cases/<uuid:case_id>/reviews/", review_views.ReviewListView.as_view(), name="review-list"),
    path(
        "cases/<uuid:case_id>/reviews/<uuid:review_id>/",
        review_views.ReviewDetailView.as_view(),
        name="review-detail",
    ),
    path("cases/<uuid:case_id>/gas/", review_views.GasView.as_view(), name="gas"),
]
