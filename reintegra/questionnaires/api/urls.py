from django.urls import path

from reintegra.questionnaires.api import surveys, views

urlpatterns = [
    path("questionnaires/", views.QuestionnaireListView.as_view(), name="questionnaire-list"),
    path(
        "questionnaires/<uuid:questionnaire_id>/",
        views.QuestionnaireDetailView.as_view(),
        name="questionnaire-detail",
    ),
    path(
        "cases/<uuid:case_id>/questionnaire-responses/",
        views.ResponseListView.as_view(),
        name="questionnaire-response-list",
    ),
    path(
        "questionnaires/<uuid:questionnaire_id>/aggregate/",
        surveys.QuestionnaireAggregateView.as_view(),
        name="questionnaire-aggregate",
    ),
    path(
        "cases/<uuid:case_id>/survey-invitations/",
        surveys.SurveyInvitationListView.as_view(),
        name="survey-invitation-list",
    ),
]
