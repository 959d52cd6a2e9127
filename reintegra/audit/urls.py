from django.urls import path

from reintegra.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.access_log_view, name="log"),
    path("export.csv", views.access_log_csv_view, name="log_csv"),
]
