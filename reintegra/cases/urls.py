from django.urls import path

from reintegra.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("new/", views.case_create_view, name="new"),
    path("<uuid:case_id>/", views.case_detail_view, name="detail"),
    path("<uuid:case_id>/intake/", views.intake_view, name="intake"),
    path(
        "<uuid:case_id>/phases/<str:key>/<str:action>/",
        views.phase_action_view,
        name="phase_action",
    ),
]
