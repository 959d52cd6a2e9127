from django.urls import path

from reintegra.monitoring.api import views

urlpatterns = [
    path("monitoring/", views.MonitoringListView.as_view(), name="monitoring-list"),
    path("caseload/", views.CaseloadView.as_view(), name="caseload"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/renew/", views.CalendarRenewView.as_view(), name="calendar-renew"),
    path("cases/<uuid:case_id>/monitoring/", views.CaseMonitoringView.as_view(), name="case-monitoring"),
]
