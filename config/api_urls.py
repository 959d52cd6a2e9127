"""API v1: every app contributes its routes from `<app>/api/urls.py`."""

from django.urls import include, path

app_name = "api"
urlpatterns = [
    path("", include("reintegra.accounts.api.urls")),
    path("", include("reintegra.audit.api.urls")),
    path("", include("reintegra.cases.api.urls")),
    path("", include("reintegra.consents.api.urls")),
    path("", include("reintegra.assessments.api.urls")),
    path("", include("reintegra.questionnaires.api.urls")),
    path("", include("reintegra.plans.api.urls")),
    path("", include("reintegra.notifications.api.urls")),
    path("", include("reintegra.network.api.urls")),
    path("", include("reintegra.introduce.api.urls")),
    path("", include("reintegra.monitoring.api.urls")),
    path("", include("reintegra.portal.api.urls")),
    path("", include("reintegra.inquiries.api.urls")),
    path("", include("reintegra.screening.api.urls")),
    path("", include("reintegra.retention.api.urls")),
    path("", include("reintegra.staff.api.urls")),
    path("", include("reintegra.records.api.urls")),
    path("", include("reintegra.insights.api.urls")),
]
