from django.urls import path

from reintegra.insights.api import views

urlpatterns = [
    path("insights/", views.InsightsView.as_view(), name="insights"),
]
