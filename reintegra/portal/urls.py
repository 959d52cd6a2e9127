from django.urls import path

from reintegra.portal.views import client, employer, invite, surveys

app_name = "portal"
urlpatterns = [
    path("", client.portal_home_view, name="home"),
    path("consents/<uuid:consent_id>/withdraw/", client.withdraw_view, name="withdraw"),
    path("ratings/", client.ratings_view, name="ratings"),
    path("cases/<uuid:case_id>/plan.pdf", client.plan_pdf_view, name="plan_pdf"),
    path("questionnaires/<uuid:invitation_id>/", surveys.survey_view, name="survey"),
    path("ratings/<uuid:item_id>/", client.rating_save_view, name="rating_save"),
    path("employer/", employer.employer_home_view, name="employer"),
    path("employer/cases/<uuid:case_id>/", employer.employer_case_view, name="employer_case"),
    path("employer/cases/<uuid:case_id>/plan.pdf", employer.employer_plan_pdf_view, name="employer_plan_pdf"),
    path(
        "employer/cases/<uuid:case_id>/measures/<uuid:measure_id>/done/",
        employer.measure_done_view,
        name="measure_done",
    ),
    path("cases/<uuid:case_id>/invite/", invite.invite_view, name="invite"),
    path(
        "cases/<uuid:case_id>/participants/<uuid:participant_id>/",
        invite.participant_invite_view,
        name="participant_invite",
    ),
    path("invite/<str:token>/", invite.accept_view, name="accept"),
]
