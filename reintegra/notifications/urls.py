from django.urls import path

from reintegra.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("read-all/", views.notifications_read_all_view, name="read_all"),
    path("badge/", views.unread_badge_view, name="badge"),
    path("<uuid:notification_id>/read/", views.notification_read_view, name="read"),
    path("<uuid:notification_id>/open/", views.notification_open_view, name="open"),
]
