"""Pages of the assessment phase, mounted under /cases/ (see config/urls.py)."""

from django.urls import path

from reintegra.assessments.views import assessments, network

app_name = "assessments"
urlpatterns = [
    path("<uuid:case_id>/assessments/", assessments.assessment_list_view, name="list"),
    path("<uuid:case_id>/assessments/new/", assessments.assessment_new_view, name="new"),
    path("<uuid:case_id>/assessments/<uuid:assessment_id>/", assessments.assessment_detail_view, name="detail"),
    path("<uuid:case_id>/network/", network.network_view, name="network"),
    path("<uuid:case_id>/network.svg", network.network_svg_view, name="network_svg"),
]
