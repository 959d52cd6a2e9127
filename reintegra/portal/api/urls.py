from django.urls import path

from reintegra.portal.api import invites, views

urlpatterns = [
    path(
        "cases/<uuid:case_id>/participants/<uuid:participant_id>/invite/",
        invites.ParticipantInviteView.as_view(),
        name="participant-invite",
    ),
    path(
        "cases/<uuid:case_id>/participants/<uuid:participant_id>/account/",
        invites.ParticipantAccountView.as_view(),
        name="participant-account",
    ),
    path("portal/me/", views.MeView.as_view(), name="portal-me"),
    path("portal/consents/", views.ConsentListView.as_view(), name="portal-consents"),
    path(
        "portal/consents/<uuid:consent_id>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="portal-consent-withdraw",
    ),
    path("portal/access-log/", views.AccessLogView.as_view(), name="portal-access-log"),
    path("portal/assessment-items/", views.ItemListView.as_view(), name="portal-items"),
    path("portal/assessment-items/<uuid:item_id>/", views.ItemDetailView.as_view(), name="portal-item"),
    path("portal/measures/", views.ParticipantMeasureListView.as_view(), name="portal-measures"),
    path(
        "portal/cases/<uuid:case_id>/measures/<uuid:measure_id>/done/",
        views.MeasureDoneView.as_view(),
        name="portal-measure-done",
    ),
]
