from django.urls import path

from reintegra.plans.views import edit, plan, reviews, versions

app_name = "plans"
urlpatterns = [
    path("<uuid:case_id>/plan/", plan.plan_view, name="plan"),
    path("<uuid:case_id>/plan.pdf", plan.plan_pdf_view, name="pdf"),
    path("<uuid:case_id>/plan/timeline.svg", plan.plan_timeline_view, name="timeline"),
    path("<uuid:case_id>/plan/agree/", plan.plan_agree_view, name="agree"),
    path("<uuid:case_id>/plan/schedule/", plan.plan_schedule_view, name="schedule"),
    path("<uuid:case_id>/plan/goals/new/", edit.goal_new_view, name="goal_new"),
    path("<uuid:case_id>/plan/goals/<uuid:goal_id>/", edit.goal_edit_view, name="goal_edit"),
    path("<uuid:case_id>/plan/measures/new/", edit.measure_new_view, name="measure_new"),
    path("<uuid:case_id>/plan/measures/<uuid:measure_id>/", edit.measure_edit_view, name="measure_edit"),
    path("<uuid:case_id>/plan/versions/", versions.version_list_view, name="versions"),
    path("<uuid:case_id>/plan/versions/<int:number>/", versions.version_detail_view, name="version_detail"),
    path("<uuid:case_id>/plan/compare/", versions.compare_view, name="compare"),
    path("<uuid:case_id>/reviews/", reviews.reviews_view, name="reviews"),
    path("<uuid:case_id>/reviews/chart.svg", reviews.reviews_chart_view, name="reviews_chart"),
]
