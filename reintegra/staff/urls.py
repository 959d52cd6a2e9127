from django.urls import path

from reintegra.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list_view, name="list"),
    path("invite/", views.staff_invite_view, name="invite"),
    path("<uuid:user_id>/", views.staff_detail_view, name="detail"),
    path("<uuid:user_id>/deactivate/", views.staff_deactivate_view, name="deactivate"),
    path("<uuid:user_id>/action/", views.staff_action_view, name="action"),
    path("organisation/", views.organisation_view, name="organisation"),
    path("units/new/", views.unit_new_view, name="unit_new"),
    path("units/<uuid:unit_id>/", views.unit_view, name="unit"),
    path("invitation/<str:token>/", views.invitation_view, name="invitation"),
]
