from django.urls import path

from reintegra.cases.api import closure, team, views

urlpatterns = [
    path("case-types/", views.CaseTypeListView.as_view(), name="case-type-list"),
    path("case-types/<uuid:case_type_id>/", views.CaseTypeDetailView.as_view(), name="case-type-detail"),
    path("cases/", views.CaseListView.as_view(), name="case-list"),
    path("cases/reassign/", team.CasesReassignView.as_view(), name="cases-reassign"),
    path("cases/<uuid:case_id>/", views.CaseDetailView.as_view(), name="case-detail"),
    path("cases/<uuid:case_id>/reassign/", team.CaseReassignView.as_view(), name="case-reassign"),
    path("cases/<uuid:case_id>/intake/", views.IntakeView.as_view(), name="case-intake"),
    path(
        "cases/<uuid:case_id>/phases/<str:key>/complete/",
        views.PhaseCompleteView.as_view(),
        name="phase-complete",
    ),
    path("cases/<uuid:case_id>/phases/<str:key>/reopen/", views.PhaseReopenView.as_view(), name="phase-reopen"),
    path("cases/<uuid:case_id>/participants/", views.ParticipantListView.as_view(), name="participant-list"),
    path(
        "cases/<uuid:case_id>/participants/<uuid:participant_id>/",
        views.ParticipantDetailView.as_view(),
        name="participant-detail",
    ),
    path("cases/<uuid:case_id>/incapacity/", views.IncapacityListView.as_view(), name="incapacity-list"),
    path(
        "cases/<uuid:case_id>/incapacity/<uuid:period_id>/",
        views.IncapacityDetailView.as_view(),
        name="incapacity-detail",
    ),
    path("cases/<uuid:case_id>/notes/<uuid:note_id>/", closure.NoteDetailView.as_view(), name="note-detail"),
    path("cases/<uuid:case_id>/notes/<uuid:note_id>/amend/", closure.NoteAmendView.as_view(), name="note-amend"),
    path("cases/<uuid:case_id>/events/", views.EventListView.as_view(), name="event-list"),
    path("cases/<uuid:case_id>/notes/", closure.NoteListView.as_view(), name="note-list"),
    path("cases/<uuid:case_id>/evaluation/", closure.EvaluationView.as_view(), name="case-evaluation"),
    path("cases/<uuid:case_id>/close/", closure.CaseCloseView.as_view(), name="case-close"),
    path("cases/<uuid:case_id>/close/approve/", closure.CaseCloseApproveView.as_view(), name="case-close-approve"),
    path("cases/<uuid:case_id>/reopen/", closure.CaseReopenView.as_view(), name="case-reopen"),
]
