from django.urls import path

from reintegra.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.retention_view, name="index"),
    path("run/", views.retention_run_view, name="run"),
    path("holds/", views.legal_hold_set_view, name="hold_set"),
    path("holds/<uuid:case_id>/release/", views.legal_hold_release_view, name="hold_release"),
    path("erase/", views.case_erase_view, name="erase"),
]
