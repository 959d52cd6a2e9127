from django.urls import path

from reintegra.audit.api import views

urlpatterns = [
    path("access-log/", views.AccessLogListView.as_view(), name="access-log-list"),
]
