from django.urls import path

from reintegra.staff.api import views

urlpatterns = [
    path("org/", views.OrganisationSettingsView.as_view(), name="org-settings"),
    path("org/users/", views.StaffListView.as_view(), name="org-users"),
    path("org/users/<uuid:user_id>/", views.StaffDetailView.as_view(), name="org-user"),
    path("org/users/<uuid:user_id>/deactivate/", views.StaffDeactivateView.as_view(), name="org-user-deactivate"),
    path("org/users/<uuid:user_id>/invite/", views.StaffInviteAgainView.as_view(), name="org-user-invite"),
    path(
        "org/users/<uuid:user_id>/second-factor/reset/",
        views.StaffSecondFactorResetView.as_view(),
        name="org-user-second-factor-reset",
    ),
    path("org/users/<uuid:user_id>/unlock/", views.StaffUnlockView.as_view(), name="org-user-unlock"),
    path(
        "org/users/<uuid:user_id>/password-reset/",
        views.StaffPasswordResetView.as_view(),
        name="org-user-password-reset",
    ),
    path("org/units/", views.UnitListView.as_view(), name="org-units"),
    path("org/units/<uuid:unit_id>/", views.UnitDetailView.as_view(), name="org-unit"),
    path("org/units/<uuid:unit_id>/close/", views.UnitCloseView.as_view(), name="org-unit-close"),
]
