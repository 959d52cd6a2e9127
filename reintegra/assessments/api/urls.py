from django.urls import path

from reintegra.assessments.api import views

urlpatterns = [
    path("cases/<uuid:case_id>/assessments/", views.AssessmentListView.as_view(), name="assessment-list"),
    path(
        "cases/<uuid:case_id>/assessments/<uuid:assessment_id>/",
        views.AssessmentDetailView.as_view(),
        name="assessment-detail",
    ),
    path("cases/<uuid:case_id>/network/", views.NetworkMapView.as_view(), name="network-map"),
    path("cases/<uuid:case_id>/network.svg", views.NetworkMapSVGView.as_view(), name="network-map-svg"),
]
