from django.urls import path

from reintegra.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", views.monitoring_index_view, name="index"),
    path("monitoring/summary/", views.monitoring_summary_view, name="summary"),
    path("cases/<uuid:case_id>/monitoring/", views.monitoring_case_view, name="case"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed_view, name="calendar_feed"),
]
