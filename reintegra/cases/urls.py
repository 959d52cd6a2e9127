from django.urls import path

from reintegra.cases.views import case_types, cases, closure, documents, evaluation, intake, people, team

app_name = "cases"
urlpatterns = [
    path("", cases.case_list_view, name="list"),
    path("new/", cases.case_create_view, name="new"),
    path("reassign/", team.cases_reassign_view, name="reassign_many"),
    path("types/", case_types.case_type_list_view, name="case_types"),
    path("types/new/", case_types.case_type_new_view, name="case_type_new"),
    path("types/<uuid:case_type_id>/", case_types.case_type_edit_view, name="case_type_edit"),
    path("<uuid:case_id>/", cases.case_detail_view, name="detail"),
    path("<uuid:case_id>/edit/", cases.case_edit_view, name="edit"),
    path("<uuid:case_id>/reassign/", team.case_reassign_view, name="reassign"),
    path("<uuid:case_id>/deputy/", team.case_deputy_view, name="deputy"),
    path("<uuid:case_id>/intake/", intake.intake_view, name="intake"),
    path("<uuid:case_id>/information-sheet.pdf", documents.information_sheet_view, name="information_sheet"),
    path("<uuid:case_id>/participants/new/", people.participant_new_view, name="participant_new"),
    path(
        "<uuid:case_id>/participants/<uuid:participant_id>/remove/",
        people.participant_remove_view,
        name="participant_remove",
    ),
    path(
        "<uuid:case_id>/participants/<uuid:participant_id>/edit/",
        people.participant_edit_view,
        name="participant_edit",
    ),
    path("<uuid:case_id>/incapacity/new/", people.incapacity_new_view, name="incapacity_new"),
    path("<uuid:case_id>/incapacity/<uuid:period_id>/edit/", people.incapacity_edit_view, name="incapacity_edit"),
    path("<uuid:case_id>/phases/<str:key>/<str:action>/", cases.phase_action_view, name="phase_action"),
    path("<uuid:case_id>/evaluation/", evaluation.evaluation_view, name="evaluation"),
    path("<uuid:case_id>/close/", closure.case_close_view, name="close"),
    path("<uuid:case_id>/close/approve/", closure.closure_approve_view, name="close_approve"),
    path("<uuid:case_id>/reopen/", closure.case_reopen_view, name="reopen"),
    path("<uuid:case_id>/notes/new/", closure.note_new_view, name="note_new"),
    path("<uuid:case_id>/notes/<uuid:note_id>/amend/", closure.note_amend_view, name="note_amend"),
]
