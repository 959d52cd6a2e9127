from django.urls import path

from reintegra.questionnaires import views

app_name = "questionnaires"
urlpatterns = [
    path("", views.questionnaire_list_view, name="list"),
    path("new/", views.questionnaire_new_view, name="new"),
    path("<uuid:questionnaire_id>/", views.questionnaire_detail_view, name="detail"),
    path("cases/<uuid:case_id>/", views.case_responses_view, name="case_responses"),
    path("cases/<uuid:case_id>/fill/<uuid:questionnaire_id>/", views.response_new_view, name="fill"),
    path("cases/<uuid:case_id>/responses/<uuid:response_id>/", views.response_detail_view, name="response"),
]
