from django.urls import path

from reintegra.screening.api import views

urlpatterns = [
    path("absences/import/", views.AbsenceImportView.as_view(), name="absences-import"),
    path("screening/", views.ScreeningListView.as_view(), name="screening-list"),
    path("screening/invitations/", views.InvitationCreateView.as_view(), name="screening-invitations"),
    path(
        "screening/invitations/<uuid:invitation_id>/letter/",
        views.InvitationLetterView.as_view(),
        name="screening-invitation-letter",
    ),
    path(
        "screening/invitations/<uuid:invitation_id>/respond/",
        views.InvitationRespondView.as_view(),
        name="screening-invitation-respond",
    ),
]
