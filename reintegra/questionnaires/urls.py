from django.urls import path

from reintegra.questionnaires.views import responses as views
from reintegra.questionnaires.views import surveys as survey_views

app_name = "questionnaires"
urlpatterns = [
    path("", views.questionnaire_list_view, name="list"),
    path("new/", views.questionnaire_new_view, name="new"),
    path("satisfaction/results/", survey_views.satisfaction_results_view, name="satisfaction_results"),
    path("<uuid:questionnaire_id>/", views.questionnaire_detail_view, name="detail"),
    path("<uuid:questionnaire_id>/results/", survey_views.aggregate_view, name="aggregate"),
    path("cases/<uuid:case_id>/", views.case_responses_view, name="case_responses"),
    path("cases/<uuid:case_id>/fill/<uuid:questionnaire_id>/", views.response_new_view, name="fill"),
    path("cases/<uuid:case_id>/responses/<uuid:response_id>/", views.response_detail_view, name="response"),
    path("cases/<uuid:case_id>/survey/", survey_views.survey_invite_view, name="survey_invite"),
    path("cases/<uuid:case_id>/survey/declined/", survey_views.survey_decline_view, name="survey_declined"),
    # The public survey page behind a one-time link: no login.
    path("s/done/", survey_views.survey_done_view, name="survey_done"),
    path("s/<str:token>/", survey_views.survey_view, name="survey"),
]
