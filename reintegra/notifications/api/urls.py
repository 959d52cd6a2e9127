from django.urls import path

from reintegra.notifications.api import views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("notifications/unread-count/", views.UnreadCountView.as_view(), name="notification-unread-count"),
    # str, not uuid: a malformed id gets the API's JSON 404 like any id that is not yours.
    path("notifications/<str:notification_id>/read/", views.NotificationReadView.as_view(), name="notification-read"),
]
